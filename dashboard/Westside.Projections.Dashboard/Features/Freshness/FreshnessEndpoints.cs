using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Freshness;

public static class FreshnessEndpoints
{
    public static void MapFreshness(this IEndpointRouteBuilder site)
    {
        site.MapGet("/freshness", Badge);
        site.MapGet("/api/freshness", Api);
    }

    // The badge polls this.
    // From the store watch, which turns a store outage into a red badge: htmx does not swap error
    // responses, and a badge stuck on "3 s ago" would be a lie.
    private static async Task<RazorComponentResult<FreshnessBadge>> Badge(StoreWatch watch, CancellationToken ct) =>
        new(new { Model = await watch.FreshnessAsync(ct) });

    private static async Task<Ok<FreshnessView>> Api(StoreWatch watch, CancellationToken ct) =>
        TypedResults.Ok(await watch.FreshnessAsync(ct));
}
