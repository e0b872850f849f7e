using Westside.Projections.Projector.Documents;

namespace Westside.Projections.Projector.Engine;

// How the engine paces itself. InstanceName identifies this process in the heartbeat and in
// pg_stat_activity (host:pid by default; never a person's name).
public sealed record EngineOptions(TimeSpan PollInterval, string InstanceName)
{
    public TimeSpan StandbyRetry { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    // The most events Marten's daemon hands the stories' shard at once (bench daemon chose 5,000).
    public int DaemonBatchSize { get; init; } = StoryRuntime.DefaultBatchSize;

    // A leader whose documents are at least this many events behind the log head after a poll, and a
    // fifth of the log or more, builds them in bulk to the head (a catch-up build) instead of letting the
    // daemon work through the gap: a first start, a long outage. 0 turns it off.
    public int CatchUpEvents { get; init; } = CatchUp.DefaultEvents;
}
