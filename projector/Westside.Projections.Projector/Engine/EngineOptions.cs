namespace Westside.Projections.Projector.Engine;

// How the engine paces itself. InstanceName identifies this process in the heartbeat and in
// pg_stat_activity (host:pid by default; never a person's name).
public sealed record EngineOptions(TimeSpan PollInterval, string InstanceName)
{
    public TimeSpan StandbyRetry { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
