namespace Westside.Projections.ReadModel.Outbox;

// One outbox row worth showing: a failed or retrying row, or one of the oldest pending rows, with its
// last error (scrubbed) if it has one. AggregateId is the player id the row is about: the page links
// to the record.
public sealed record OutboxRowSample(
    long Id, string EventType, int AggregateId, string Status, int Attempts, DateTimeOffset CreatedAt, string? Error);
