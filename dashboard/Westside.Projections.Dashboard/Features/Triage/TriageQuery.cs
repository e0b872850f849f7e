using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Shared;
using Westside.Projections.ReadModel.Projections.Triage;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Triage;

// Reads the triage projection's documents: "summary", one "team" document per group (its counts and
// first page of players, most actionable group first) and "team-page" documents for big groups.
public sealed class TriageQuery(DocumentReader reader, TimeProvider clock)
{
    public const string Projection = "triage";
    public const int GroupsPerPage = 10;

    public async Task<TriageView> ReadAsync(TriageFilter filter, CancellationToken ct)
    {
        var summary = await reader.GetAsync(Projection, TriageProjection.SummaryId, ct);
        var (groups, page, pageCount, matching) = filter.HasTeam
            ? await OneTeamAsync(filter, ct)
            : await AllTeamsAsync(filter, ct);
        return new TriageView(
            filter, summary?.As<TriageSummaryDocument>(), groups, page, pageCount, matching,
            groups.Sum(g => g.Players.Count), Club.AgeGroups, clock.GetUtcNow());
    }

    // One team's unsigned players, page by page (its head document, then its page documents).
    private async Task<(IReadOnlyList<TriageGroup>, int, int, long)> OneTeamAsync(TriageFilter filter, CancellationToken ct)
    {
        int? teamId = filter.Team == "none" ? null : filter.TeamId;
        if (teamId is null && filter.Team != "none")
        {
            return ([], 1, 1, 0);
        }

        var head = (await reader.GetAsync(Projection, TeamGroups.Key(teamId), ct))?.As<TriageTeamDocument>();
        if (head is null)
        {
            return ([], 1, 1, 0);
        }

        var page = Math.Min(filter.PageNumber, Math.Max(1, head.PageCount));
        var players = page == 1
            ? head.Players
            : (await reader.GetAsync(Projection, TeamGroups.PageId(teamId, page), ct))?.As<TriagePageDocument>().Players ?? [];
        var group = ToGroup(head, page, Keep(players, filter, head.TeamName));
        return ([group], page, Math.Max(1, head.PageCount), 1);
    }

    // A screen of groups. With a name search, the page documents of big groups are searched too and
    // listed after the heads.
    private async Task<(IReadOnlyList<TriageGroup>, int, int, long)> AllTeamsAsync(TriageFilter filter, CancellationToken ct)
    {
        var status = filter.ValidStatus;
        var contains = DocumentListing.Contains(
            ("ageGroup", Club.ValidAgeGroup(filter.Age)),
            ("statuses", status is null ? null : new[] { status }));
        string[] kinds = string.IsNullOrWhiteSpace(filter.Q) ? ["team"] : ["team", "team-page"];
        var page = filter.PageNumber;
        var slice = await DocumentListing.PageAsync(
            reader, Projection, kinds, contains, filter.Q, (page - 1) * GroupsPerPage, GroupsPerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, GroupsPerPage);
        if (page > pageCount)
        {
            // A page past the end (the list shrank, or a hand-edited URL): show the last one.
            page = pageCount;
            slice = await DocumentListing.PageAsync(
                reader, Projection, kinds, contains, filter.Q, (page - 1) * GroupsPerPage, GroupsPerPage, ct);
        }

        var groups = new List<TriageGroup>();
        foreach (var document in slice.Documents)
        {
            if (document.Kind == "team")
            {
                var head = document.As<TriageTeamDocument>();
                groups.Add(ToGroup(head, 1, Keep(head.Players, filter, head.TeamName)));
            }
            else
            {
                var more = document.As<TriagePageDocument>();
                var head = (await reader.GetAsync(Projection, TeamGroups.Key(more.TeamId), ct))?.As<TriageTeamDocument>();
                if (head is not null)
                {
                    groups.Add(ToGroup(head, more.Page, Keep(more.Players, filter, head.TeamName)));
                }
            }
        }

        return (groups.Where(g => g.Players.Count > 0).ToList(), page, pageCount, slice.Total);
    }

    // Status and name filters apply to players; a search that matched the team's name keeps them all.
    private static List<TriagePlayer> Keep(IReadOnlyList<TriagePlayer> players, TriageFilter filter, string? teamName)
    {
        var status = filter.ValidStatus;
        var byTeamName = !string.IsNullOrWhiteSpace(filter.Q) && NameMatch.Matches(filter.Q, teamName);
        return players
            .Where(p => status is null || p.ContractStatus == status)
            .Where(p => byTeamName || NameMatch.Matches(filter.Q, p.FirstName, p.LastName, p.ParentFirstName, p.ParentLastName))
            .ToList();
    }

    private static TriageGroup ToGroup(TriageTeamDocument head, int page, IReadOnlyList<TriagePlayer> players) => new(
        head.TeamId, head.TeamName, head.AgeGroup, head.UnsignedCount, head.SentCount, head.DeclinedCount, head.NoneCount,
        page, Math.Max(1, head.PageCount), players);
}
