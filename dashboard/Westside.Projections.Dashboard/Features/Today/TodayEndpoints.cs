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

    private static async Task<HtmxPage> Page(TodayQuery query, CancellationToken ct) =>
        HtmxPage.Of<TodayPage>("Today", await query.ReadAsync(ct));

    private static async Task<Ok<TodayView>> Api(TodayQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(ct));
}
