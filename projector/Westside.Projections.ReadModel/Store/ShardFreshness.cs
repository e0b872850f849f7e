namespace Westside.Projections.ReadModel.Store;

// One daemon shard's freshness: where it is, the daemon's high-water mark, and when the oldest event it
// has not processed yet was stored (null: caught up).
public sealed record ShardFreshness(string Shard, long Position, long HighWaterMark, DateTimeOffset? OldestPendingAt)
{
    public TimeSpan? AgeAt(DateTimeOffset now) => OldestPendingAt is { } at ? now - at : null;
}
