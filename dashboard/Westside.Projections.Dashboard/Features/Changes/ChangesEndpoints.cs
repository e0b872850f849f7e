using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Westside.Projections.Dashboard.Features.Changes;

// /api/changes?since=2026-12-01: the JSON behind the MCP "changes" tool (the Today page shows the last two days).
public static class ChangesEndpoints
{
    public static void MapChanges(this IEndpointRouteBuilder site) => site.MapGet("/api/changes", Api);

    private static async Task<Results<Ok<ChangesView>, BadRequest<string>>> Api(string? since, ChangesQuery query, CancellationToken ct) =>
        DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? TypedResults.Ok(await query.ReadAsync(date, ct))
            : TypedResults.BadRequest("since must be a date as yyyy-MM-dd");
}
