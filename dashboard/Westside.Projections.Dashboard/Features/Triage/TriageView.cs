using Westside.Projections.ReadModel.Projections.Triage;

namespace Westside.Projections.Dashboard.Features.Triage;

// What /triage and /api/triage show: the club-wide counts and one screen of team groups (or one
// team's players) after the filters.
public sealed record TriageView(
    TriageFilter Filter,
    TriageSummaryDocument? Summary,
    IReadOnlyList<TriageGroup> Groups,
    int Page,
    int PageCount,
    long MatchingGroups,
    int MatchingPlayers,
    IReadOnlyList<string> AgeGroups,
    DateTimeOffset Now);

public sealed record TriageGroup(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int UnsignedCount,
    int SentCount,
    int DeclinedCount,
    int NoneCount,
    int GroupPage,
    int GroupPageCount,
    IReadOnlyList<TriagePlayer> Players)
{
    public string Title => TeamName ?? (TeamId is null ? "No team yet" : $"Team #{TeamId}");
}
