using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Triage;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Triage;

// Reads the triage projection: "summary", a "team" document per group of unsigned players (most
// unsigned first) and "team-page" documents for big groups. Age group and status select documents
// (jsonb containment); status and name then select the players inside them.
public sealed class TriageQuery(DocumentReader reader, TimeProvider clock)
{
    public const string Projection = "triage";

    private static readonly TeamGroupScreen.Shape<TriageTeamDocument, TriagePageDocument, TriagePlayer> Shape =
        new(h => h.Players, h => h.PageCount, p => p.TeamId, p => p.Page, p => p.Players);

    public async Task<TriageView> ReadAsync(TriageFilter filter, CancellationToken ct)
    {
        var summary = await reader.GetAsync(Projection, TriageProjection.SummaryId, ct);
        var status = filter.ValidStatus;
        var contains = DocumentListing.Contains(
            ("ageGroup", Club.ValidAgeGroup(filter.Age)),
            ("statuses", status is null ? null : new[] { status }));
        var screen = await TeamGroupScreen.ReadAsync(
            reader, Projection, Shape,
            new(filter.Team, filter.HasTeam ? null : contains, DocumentListing.NullIfBlank(filter.Q), filter.PageNumber), ct);
        var groups = screen.Groups
            .Select(g => ToGroup(g.Head, g.Part, Keep(g.Rows, filter, g.Head.TeamName)))
            .Where(g => g.Players.Count > 0 || filter.HasTeam)
            .ToList();
        return new TriageView(
            filter, summary?.As<TriageSummaryDocument>(), groups, screen.Page, screen.PageCount, screen.Matching,
            groups.Sum(g => g.Players.Count), Club.AgeGroups, clock.GetUtcNow());
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
