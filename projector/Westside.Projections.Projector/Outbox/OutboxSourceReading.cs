using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// What one sampling read from the source outbox.
public sealed record OutboxSourceReading(
    IReadOnlyList<OutstandingRows> Outstanding,
    IReadOnlyList<OutboxRowSample> Errors,
    IReadOnlyList<OutboxRowSample> OldestPending,
    List<ProcessedRow> Live,
    List<ProcessedRow>? Chunk)
{
    public DateTime? OldestPendingCreatedAt =>
        Outstanding.Where(o => o.OldestPendingCreatedAt is not null).Select(o => o.OldestPendingCreatedAt).Min();
}

// Pending and failed rows of one event type. AttemptsByBucket follows OutboxAttempts.Labels.
public sealed record OutstandingRows(
    string EventType, int Pending, DateTime? OldestPendingCreatedAt, int Retrying, int Failed, int[] AttemptsByBucket);
