using Westside.Projections.ReadModel.Projections.Dues;

namespace Westside.Projections.Dashboard.Features.Dues;

public sealed record DuesView(
    DuesFilter Filter,
    DuesSummaryDocument? Summary,
    IReadOnlyList<PastDueDocument> PastDue,
    long PastDueMatching,
    IReadOnlyList<DuesGroup> Groups,
    int Page,
    int PageCount,
    DateOnly Today);

public sealed record DuesGroup(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int PlayerCount,
    int ActiveCount,
    int PastDueCount,
    int CanceledCount,
    int NoSubscriptionCount,
    int Part,
    int PartCount,
    IReadOnlyList<DuesPlayer> Players)
{
    public string Title => TeamName ?? (TeamId is null ? "No team yet" : $"Team #{TeamId}");
}
