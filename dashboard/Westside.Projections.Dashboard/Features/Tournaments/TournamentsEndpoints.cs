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

    private static async Task<HtmxPage> Page([AsParameters] TournamentsFilter filter, TournamentsQuery query, CancellationToken ct) =>
        HtmxPage.Of<TournamentsPage, TournamentsResults>("Tournaments", await query.ReadAsync(filter, ct));

    private static async Task<Ok<TournamentsView>> Api([AsParameters] TournamentsFilter filter, TournamentsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
