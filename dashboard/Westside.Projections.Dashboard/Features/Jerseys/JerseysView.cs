using Westside.Projections.ReadModel.Projections.Jerseys;

namespace Westside.Projections.Dashboard.Features.Jerseys;

public sealed record JerseysView(
    JerseysFilter Filter,
    JerseySummaryDocument? Summary,
    IReadOnlyList<JerseyGroup> Groups,
    int Page,
    int PageCount,
    int MatchingPlayers);

public sealed record JerseyGroup(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int PlayerCount,
    int PaidCount,
    int UnpaidCount,
    long NetCents,
    int Part,
    int PartCount,
    IReadOnlyList<JerseyPlayer> Players)
{
    public string Title => TeamName ?? (TeamId is null ? "No team yet" : $"Team #{TeamId}");
}
