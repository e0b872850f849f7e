namespace Westside.Projections.ReadModel.Projections.DataGaps;

// "{gap}/{subject}:{id}" (kind = the gap name): one gap with the records involved (ids, display
// names, details worth a link). Since is the time the gap is measured from (signed date, outbox
// created_at, ...): the page decides what is "long". Top-level ids let the page filter by containment.
public sealed record DataGapDocument(
    string Gap,
    DateTimeOffset? Since,
    int? PlayerId,
    int? ParentId,
    int? TeamId,
    long? OutboxId,
    string? Status,
    int? Attempts,
    string? Error,
    IReadOnlyList<GapRecord> Records);

// Type: "player", "parent", "team", "contract", "outbox".
public sealed record GapRecord(string Type, long Id, string? Name, string? Detail);

// "summary" (kind "summary"): how many of each gap, in DataGaps.All order.
public sealed record DataGapSummaryDocument(int Total, IReadOnlyList<GapCount> Counts);

public sealed record GapCount(string Gap, string Label, int Count);
