namespace Westside.Projections.ReadModel.Outbox;

// The outbox as of one sampling: the sum over event types, and each event type.
public sealed record OutboxSnapshot(DateTimeOffset SampledAt, OutboxSample Total, IReadOnlyList<OutboxSample> ByType);
