namespace Westside.Projections.ReadModel.Projections.Shared;

// Per-team documents ("team:12", "team:none" for players without a team), paged when a group
// outgrows one screen: the head "team:12" holds page 1, "team:12/page:2" the next ones.
// A team is small by nature; the no-team group may not be (at 50,000 players), hence pages.
public static class TeamGroups
{
    public static string Key(int? teamId) => teamId is { } id ? $"team:{id}" : "team:none";

    public static string PageId(int? teamId, int page) => PagedIds.Of(Key(teamId), page);

    public static int PageCount(int items, int pageSize) => (items + pageSize - 1) / pageSize;

    public static bool TryParse(string id, out int? teamId, out int page)
    {
        teamId = null;
        if (!PagedIds.TrySplit(id, out var key, out page))
        {
            return false;
        }

        if (key.StartsWith("team:", StringComparison.Ordinal) && int.TryParse(key.AsSpan(5), out var parsed))
        {
            teamId = parsed;
        }

        // Only the canonical spelling of an id names a document ("team:01" and "team:1/page:1" name none).
        return PageId(teamId, page) == id;
    }

    // Names the head and every page the group could have: the group's size bounds its pages,
    // and a page past the end renders as null (deleted), which is how a shrinking group loses pages.
    public static void AddGroup(ISet<string> ids, ClubState state, int? teamId, int pageSize)
    {
        var pages = Math.Max(1, PageCount(state.PlayersByTeam[teamId].Count, pageSize));
        for (var page = 1; page <= pages; page++)
        {
            ids.Add(PageId(teamId, page));
        }
    }

    public static IEnumerable<string> Pages(int? teamId, int items, int pageSize) =>
        Enumerable.Range(1, PageCount(items, pageSize)).Select(page => PageId(teamId, page));

    // Every page of every group whose items are the team's players: no-team group first, then by team id.
    public static IEnumerable<string> AllPages(ClubState state, int pageSize) =>
        AllPages(state, pageSize, teamId => state.PlayersByTeam[teamId].Count);

    // The same for groups holding only some of a team's players; items counts them for a team.
    public static IEnumerable<string> AllPages(ClubState state, int pageSize, Func<int?, int> items) =>
        state.PlayersByTeam.Keys.OrderBy(k => k ?? -1).SelectMany(teamId => Pages(teamId, items(teamId), pageSize));

    public static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, int page, int pageSize) =>
        items.Skip((page - 1) * pageSize).Take(pageSize).ToList();
}
