using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Clusters;

public static class ClustersEndpoints
{
    public static void MapClusters(this IEndpointRouteBuilder site)
    {
        site.MapGet("/clusters", Page);
        site.MapGet("/api/clusters", Api);
    }

    private static async Task<HtmxPage> Page([AsParameters] ClustersFilter filter, ClustersQuery query, CancellationToken ct) =>
        HtmxPage.Of<ClustersPage, ClustersResults>("Clusters", await query.ReadAsync(filter, ct));

    private static async Task<Ok<ClustersView>> Api([AsParameters] ClustersFilter filter, ClustersQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
