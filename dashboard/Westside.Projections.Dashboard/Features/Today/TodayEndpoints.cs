using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Today;

public static class TodayEndpoints
{
    public static void MapToday(this IEndpointRouteBuilder site)
    {
        site.MapGet("/", Page);
        site.MapGet("/api/today", Api);
    }

    private static HtmxPage Page(TodayQuery query) =>
        HtmxPage.Cached<TodayPage>("Today", async ct => await query.ReadAsync(ct));

    private static async Task<Ok<TodayView>> Api(TodayQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(ct));
}
