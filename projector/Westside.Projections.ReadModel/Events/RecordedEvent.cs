namespace Westside.Projections.ReadModel.Events;

// One entry of the event log: the domain event plus where and when it came from.
public sealed record RecordedEvent(
    long Sequence,
    string SourceTable,
    string SourceKey,
    DateTimeOffset SourceSnapshotAt,
    DateTimeOffset RecordedAt,
    IDomainEvent Event)
{
    public string Type => Event.GetType().Name;
}
