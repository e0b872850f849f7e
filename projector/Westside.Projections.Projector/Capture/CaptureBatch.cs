using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Capture;

// One event captured from the source, not yet numbered: the runtime gives it its log sequence.
public sealed record CapturedEvent(string SourceTable, string SourceKey, IDomainEvent Event);

// What one poll found: the events (in source-table dependency order, then key order) and the
// source snapshot time they are as of.
public sealed record CaptureBatch(DateTimeOffset SourceSnapshotAt, IReadOnlyList<CapturedEvent> Events);
