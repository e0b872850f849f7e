using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Families;

namespace Westside.Projections.Dashboard.Features.Families;

public static class FamiliesEndpoints
{
    public static void MapFamilies(this IEndpointRouteBuilder site)
    {
        site.MapGet("/families/{id:int}", Page);
        site.MapGet("/api/families/{id:int}", Api);
        site.MapGet("/api/families", Search);
        // Rows that name only a player link here: the player's family card.
        site.MapGet("/players/{id:int}", Player);
    }

    private static async Task<Results<HtmxPage, NotFoundPage>> Page(int id, FamiliesQuery query, CancellationToken ct) =>
        await query.FamilyAsync(id, ct) is { } family
            ? HtmxPage.Of<FamilyPage>($"{family.FirstName} {family.LastName}", family)
            : new NotFoundPage($"There is no family #{id} in the store.");

    private static async Task<Results<Ok<FamilyDocument>, NotFound>> Api(int id, FamiliesQuery query, CancellationToken ct) =>
        await query.FamilyAsync(id, ct) is { } family ? TypedResults.Ok(family) : TypedResults.NotFound();

    // /api/families?q=smith&page=2: candidate families by name (the MCP "family" tool's search).
    private static async Task<Results<Ok<FamilySearchView>, BadRequest<string>>> Search(
        string? q, int? page, FamiliesQuery query, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(q)
            ? TypedResults.BadRequest("q (part of a parent's or kid's name) is required")
            : TypedResults.Ok(await query.SearchAsync(q.Trim(), Math.Max(1, page ?? 1), ct));

    private static async Task<Results<RedirectHttpResult, NotFoundPage>> Player(int id, FamiliesQuery query, CancellationToken ct) =>
        await query.ParentOfAsync(id, ct) is { } parentId
            ? TypedResults.Redirect($"/families/{parentId}#player-{id}")
            : new NotFoundPage($"There is no player #{id} in the store.");
}
