using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Gaps;

public static class GapsEndpoints
{
    public static void MapGaps(this IEndpointRouteBuilder site)
    {
        site.MapGet("/gaps", Page);
        site.MapGet("/api/gaps", Api);
    }

    private static HtmxPage Page([AsParameters] GapsFilter filter, GapsQuery query) =>
        HtmxPage.Cached<GapsPage, GapsResults>("Data gaps", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<GapsView>> Api([AsParameters] GapsFilter filter, GapsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
