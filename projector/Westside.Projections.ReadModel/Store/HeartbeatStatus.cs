namespace Westside.Projections.ReadModel.Store;

// The projector's heartbeat as of the store's clock (Now), so freshness is computed on one clock.
// LastPollAt is the last successful poll; SourceOk is false while the source is unreachable.
// LeaderAlive says whether some process holds the leader lock right now.
public sealed record HeartbeatStatus(
    string? Leader,
    DateTimeOffset? LeaderSince,
    bool LeaderAlive,
    DateTimeOffset? LastPollAt,
    DateTimeOffset? SourceSnapshotAt,
    int PollIntervalMs,
    bool SourceOk,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset Now)
{
    public TimeSpan? SinceLastPoll => LastPollAt is { } at ? Now - at : null;

    // Stale when no successful poll for three intervals (or never).
    public bool IsStale => SinceLastPoll is not { } age || age > TimeSpan.FromMilliseconds(3.0 * PollIntervalMs);
}
