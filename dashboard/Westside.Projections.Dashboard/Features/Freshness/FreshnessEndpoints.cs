using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.Dashboard.Infrastructure.Errors;

namespace Westside.Projections.Dashboard.Features.Freshness;

public static class FreshnessEndpoints
{
    public static void MapFreshness(this IEndpointRouteBuilder site)
    {
        site.MapGet("/freshness", Badge);
        site.MapGet("/api/freshness", Api);
    }

    // The badge polls this. A store outage is still a 200 with a red badge: htmx does not swap error
    // responses, and a badge stuck on "3 s ago" would be a lie.
    private static async Task<RazorComponentResult<FreshnessBadge>> Badge(
        FreshnessService freshness, IOptions<DashboardOptions> options, TimeProvider clock, CancellationToken ct)
    {
        FreshnessView view;
        try
        {
            view = await freshness.ReadAsync(ct);
        }
        catch (Exception e) when (StoreFailure.IsOutage(e))
        {
            view = FreshnessView.StoreDown(clock.GetUtcNow(), options.Value.PollInterval);
        }

        return new RazorComponentResult<FreshnessBadge>(new { Model = view });
    }

    private static async Task<Ok<FreshnessView>> Api(FreshnessService freshness, CancellationToken ct) =>
        TypedResults.Ok(await freshness.ReadAsync(ct));
}
