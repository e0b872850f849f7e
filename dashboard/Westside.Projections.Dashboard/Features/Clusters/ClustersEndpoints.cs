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

    private static HtmxPage Page([AsParameters] ClustersFilter filter, ClustersQuery query) =>
        HtmxPage.Cached<ClustersPage, ClustersResults>("Clusters", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<ClustersView>> Api([AsParameters] ClustersFilter filter, ClustersQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
