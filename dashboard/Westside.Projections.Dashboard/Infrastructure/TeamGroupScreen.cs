using Westside.Projections.ReadModel.Projections.Shared;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Infrastructure;

// One screen of a projection that groups players by team (triage, jerseys, dues): a "team" head
// document per group (counts + first page of rows, most actionable group first) and "team-page"
// documents for the rest of a big group (TeamGroups ids). Either one team, part by part, or a page
// of groups; a name search also searches the page documents and lists them after the heads.
public static class TeamGroupScreen
{
    public const int GroupsPerPage = 10;

    public sealed record Request(string? Team, string? Contains, string? Search, int Page);

    public sealed record Group<THead, TRow>(THead Head, int Part, IReadOnlyList<TRow> Rows);

    public sealed record Screen<THead, TRow>(IReadOnlyList<Group<THead, TRow>> Groups, int Page, int PageCount, long Matching);

    // How a projection's documents look: the rows of a head and its page count; a page document's team and rows.
    public sealed record Shape<THead, TPage, TRow>(
        Func<THead, IReadOnlyList<TRow>> HeadRows,
        Func<THead, int> HeadPageCount,
        Func<TPage, int?> PageTeam,
        Func<TPage, int> PagePart,
        Func<TPage, IReadOnlyList<TRow>> PageRows);

    public static async Task<Screen<THead, TRow>> ReadAsync<THead, TPage, TRow>(
        DocumentReader reader, string projection, Shape<THead, TPage, TRow> shape, Request request, CancellationToken ct)
        where THead : class
        where TPage : class
    {
        return request.Team is { Length: > 0 } team
            ? await OneTeamAsync(reader, projection, shape, team, request.Page, ct)
            : await GroupsAsync(reader, projection, shape, request, ct);
    }

    private static async Task<Screen<THead, TRow>> OneTeamAsync<THead, TPage, TRow>(
        DocumentReader reader, string projection, Shape<THead, TPage, TRow> shape, string team, int page, CancellationToken ct)
        where THead : class
        where TPage : class
    {
        int? teamId = int.TryParse(team, out var id) ? id : null;
        if (teamId is null && team != "none")
        {
            return new([], 1, 1, 0);
        }

        if ((await reader.GetAsync(projection, TeamGroups.Key(teamId), ct))?.As<THead>() is not { } head)
        {
            return new([], 1, 1, 0);
        }

        var pageCount = Math.Max(1, shape.HeadPageCount(head));
        var part = Math.Clamp(page, 1, pageCount);
        var rows = part == 1
            ? shape.HeadRows(head)
            : (await reader.GetAsync(projection, TeamGroups.PageId(teamId, part), ct))?.As<TPage>() is { } more
                ? shape.PageRows(more)
                : [];
        return new([new(head, part, rows)], part, pageCount, 1);
    }

    private static async Task<Screen<THead, TRow>> GroupsAsync<THead, TPage, TRow>(
        DocumentReader reader, string projection, Shape<THead, TPage, TRow> shape, Request request, CancellationToken ct)
        where THead : class
        where TPage : class
    {
        string[] kinds = request.Search is null ? ["team"] : ["team", "team-page"];
        var page = Math.Max(1, request.Page);
        var slice = await DocumentListing.PageAsync(
            reader, projection, kinds, request.Contains, request.Search, (page - 1) * GroupsPerPage, GroupsPerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, GroupsPerPage);
        if (page > pageCount)
        {
            // Past the end (the list shrank, or a hand-edited URL): the last page.
            page = pageCount;
            slice = await DocumentListing.PageAsync(
                reader, projection, kinds, request.Contains, request.Search, (page - 1) * GroupsPerPage, GroupsPerPage, ct);
        }

        var groups = new List<Group<THead, TRow>>();
        foreach (var document in slice.Documents)
        {
            if (document.Kind == "team")
            {
                var head = document.As<THead>();
                groups.Add(new(head, 1, shape.HeadRows(head)));
            }
            else if (document.As<TPage>() is var more
                     && (await reader.GetAsync(projection, TeamGroups.Key(shape.PageTeam(more)), ct))?.As<THead>() is { } head)
            {
                groups.Add(new(head, shape.PagePart(more), shape.PageRows(more)));
            }
        }

        return new(groups, page, pageCount, slice.Total);
    }
}
