namespace Westside.Projections.ReadModel.Store;

// Everything `projector status` and the dashboard's admin page show, read together. Shards: Marten's
// daemon's progress (the stories' shard), its high-water mark and its oldest unprocessed event.
public sealed record StoreStatus(long LogHead, HeartbeatStatus Heartbeat, IReadOnlyList<ProjectionStatus> Projections)
{
    public IReadOnlyList<ShardFreshness> Shards { get; init; } = [];
}
