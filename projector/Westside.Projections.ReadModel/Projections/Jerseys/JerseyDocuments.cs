namespace Westside.Projections.ReadModel.Projections.Jerseys;

// "team:{id}" / "team:none" (kind "team"): every player of the group, unpaid first, with the group's
// totals and the first page of players; "team:{id}/page:{n}" (kind "team-page") holds the rest.
public sealed record JerseyTeamDocument(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int PlayerCount,
    int PaidCount,
    int UnpaidCount,
    long NetCents,
    IReadOnlyList<JerseyMethodTotal> ByMethod,
    int Page,
    int PageCount,
    IReadOnlyList<JerseyPlayer> Players);

public sealed record JerseyPageDocument(int? TeamId, string? AgeGroup, int Page, int PageCount, IReadOnlyList<JerseyPlayer> Players);

// Paid means the payments net to more than zero (a refund, a negative amount, nets out).
public sealed record JerseyPlayer(
    int PlayerId,
    string FirstName,
    string LastName,
    string? JerseySize,
    int? JerseyNumber,
    string ContractStatus,
    bool Paid,
    long NetCents,
    IReadOnlyList<string> Methods,
    DateTimeOffset? LastPaidAt,
    IReadOnlyList<string> CashRecordedBy,
    IReadOnlyList<JerseyPayment> Payments);

public sealed record JerseyPayment(
    int PaymentId, int AmountCents, string Method, DateTimeOffset PaidAt, string? RecordedBy, string? Note, bool Refund);

public sealed record JerseyMethodTotal(string Method, int PaymentCount, int RefundCount, long NetCents);

public sealed record JerseyRecorder(string RecordedBy, int PaymentCount, long NetCents);

// "summary" (kind "summary"): club totals over the payments of current players.
public sealed record JerseySummaryDocument(
    int PlayerCount,
    int PaidCount,
    int UnpaidCount,
    long NetCents,
    long CollectedCents,
    long RefundedCents,
    IReadOnlyList<JerseyMethodTotal> ByMethod,
    IReadOnlyList<JerseyRecorder> CashByRecorder);
