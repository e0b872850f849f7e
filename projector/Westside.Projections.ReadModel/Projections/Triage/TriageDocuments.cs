namespace Westside.Projections.ReadModel.Projections.Triage;

// "team:{id}" / "team:none" (kind "team"): one group of unsigned players, most actionable first;
// the head carries the group's counts and its first page of players.
public sealed record TriageTeamDocument(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    string? Season,
    string? Gender,
    string? CoachName,
    int PlayerCount,
    int UnsignedCount,
    int SentCount,
    int DeclinedCount,
    int NoneCount,
    IReadOnlyList<string> Statuses,
    int Page,
    int PageCount,
    IReadOnlyList<TriagePlayer> Players);

// "team:{id}/page:{n}" (kind "team-page"), n >= 2: the rest of a group too large for one screen.
public sealed record TriagePageDocument(
    int? TeamId,
    string? AgeGroup,
    int Page,
    int PageCount,
    IReadOnlyList<TriagePlayer> Players);

// One unsigned player. ContractSentAt comes from the latest non-voided contract (the page computes
// "days since"); parent contact fields are null when the source has none.
public sealed record TriagePlayer(
    int PlayerId,
    string FirstName,
    string LastName,
    string ContractStatus,
    int? ContractId,
    string? ContractVersion,
    DateTimeOffset? ContractSentAt,
    DateTimeOffset? ContractDeclinedAt,
    int ParentId,
    string? ParentFirstName,
    string? ParentLastName,
    string? ParentEmail,
    string? ParentPhone);

// "summary" (kind "summary"): club-wide counts; per-team counts live in the team documents.
public sealed record TriageSummaryDocument(
    int PlayerCount,
    int SignedCount,
    int UnsignedCount,
    int SentCount,
    int DeclinedCount,
    int NoneCount,
    int TeamsWithUnsigned,
    int NoTeamUnsignedCount);
