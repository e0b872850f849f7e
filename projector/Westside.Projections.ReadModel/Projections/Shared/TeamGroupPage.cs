using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Shared;

// One page of a per-team group (see TeamGroups): the ordered items cut to the page, the team they belong to,
// and the search text of the page (the team's name only on the head, so a name filter finds the team once).
// The head is a "team" document ranked by a per-projection count, then team name, then id; further pages are
// "team-page" documents that sort right behind their head's key.
public sealed record TeamGroupPage<T>(int? TeamId, TeamRow? Team, int Page, int PageCount, IReadOnlyList<T> Items, string Search)
{
    public bool IsHead => Page == 1;

    // Null when the page lies past the end of the group (its document is deleted).
    public static TeamGroupPage<T>? Of(
        ClubState state, int? teamId, int page, int pageSize, IReadOnlyList<T> ordered, Func<T, IEnumerable<string?>> searchTerms)
    {
        var pageCount = TeamGroups.PageCount(ordered.Count, pageSize);
        if (page > pageCount)
        {
            return null;
        }

        var team = state.Team(teamId);
        var items = TeamGroups.Slice(ordered, page, pageSize);
        var search = SearchText.Of(items.SelectMany(searchTerms).Prepend(page == 1 ? team?.Name : null));
        return new TeamGroupPage<T>(teamId, team, page, pageCount, items, search);
    }

    public ProjectedDocument Head(long rank, object data) =>
        new("team", SortKeys.Join(SortKeys.Descending(rank), SortKeys.Text(Team?.Name), SortKeys.Id(TeamId ?? 0)), Search, data);

    public ProjectedDocument Continuation(object data) =>
        new("team-page", SortKeys.Join(TeamGroups.Key(TeamId), SortKeys.Ascending(Page)), Search, data);
}
