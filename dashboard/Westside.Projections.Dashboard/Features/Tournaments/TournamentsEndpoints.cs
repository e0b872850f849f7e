using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Tournaments;

public static class TournamentsEndpoints
{
    public static void MapTournaments(this IEndpointRouteBuilder site)
    {
        site.MapGet("/tournaments", Page);
        site.MapGet("/api/tournaments", Api);
    }

    private static HtmxPage Page([AsParameters] TournamentsFilter filter, TournamentsQuery query) =>
        HtmxPage.Cached<TournamentsPage, TournamentsResults>("Tournaments", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<TournamentsView>> Api([AsParameters] TournamentsFilter filter, TournamentsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
