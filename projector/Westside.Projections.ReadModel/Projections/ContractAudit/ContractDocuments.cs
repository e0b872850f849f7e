namespace Westside.Projections.ReadModel.Projections.ContractAudit;

// "contract:{id}" (kind "contract"): one contract with its player and the player's whole contract
// history, so voided and re-sent contracts stay visible. Filter by status, version, month, team
// with jsonb containment; the sort key orders by the contract's latest date (signed, declined or
// sent), newest first.
public sealed record ContractDocument(
    int ContractId,
    int PlayerId,
    string? PlayerFirstName,
    string? PlayerLastName,
    string? PlayerContractStatus,
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    string Version,
    int AmountCents,
    string Status,
    DateTimeOffset SentAt,
    DateTimeOffset? SignedAt,
    DateTimeOffset? DeclinedAt,
    string? SignerName,
    string? SignedMonth,
    bool Resent,
    int? ReplacedByContractId,
    IReadOnlyList<ContractHistoryItem> History);

public sealed record ContractHistoryItem(
    int ContractId, string Version, string Status, int AmountCents, DateTimeOffset SentAt,
    DateTimeOffset? SignedAt, DateTimeOffset? DeclinedAt);

// "summary" (kind "summary"): totals by version (ordinal) and by month signed (newest first).
public sealed record ContractTotalsDocument(
    int ContractCount,
    int SentCount,
    int SignedCount,
    int DeclinedCount,
    int VoidedCount,
    long SignedAmountCents,
    int ResentPlayerCount,
    IReadOnlyList<ContractVersionTotal> ByVersion,
    IReadOnlyList<ContractMonthTotal> ByMonth);

public sealed record ContractVersionTotal(
    string Version, int SentCount, int SignedCount, int DeclinedCount, int VoidedCount, long SignedAmountCents);

public sealed record ContractMonthTotal(string Month, int SignedCount, long SignedAmountCents);
