using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Freshness;

// How fresh the store is, for the badge on every page and for /healthz, on the store's clock.
// AsOf is the source snapshot of the projector's last successful poll. Stale once that poll is older
// than three poll intervals (POLL_INTERVAL_MS), or when there never was one.
public sealed record FreshnessView(
    DateTimeOffset Now,
    DateTimeOffset? AsOf,
    DateTimeOffset? LastPoll,
    bool ProjectorRunning,
    bool SourceOk,
    TimeSpan PollInterval,
    bool StoreReachable = true)
{
    public TimeSpan StaleAfter => PollInterval * 3;

    public TimeSpan? SinceLastPoll => LastPoll is { } at ? Now - at : null;

    public bool Stale => !StoreReachable || SinceLastPoll is not { } age || age > StaleAfter;

    // The moment the data stopped moving: the last poll that worked.
    public DateTimeOffset? StaleSince => Stale ? LastPoll : null;

    public string Reason =>
        !StoreReachable ? "The read store is unreachable."
        : LastPoll is null ? "The projector has not completed a poll yet."
        : !ProjectorRunning ? "The projector is not running."
        : !SourceOk ? "The projector cannot read the source database."
        : "The projector is behind.";

    // The same view at whole seconds: what the badge shows ("14:02:07, 3 s ago") changes once a second.
    public FreshnessView ToTheSecond() => this with
    {
        Now = Truncate(Now),
        AsOf = AsOf is { } asOf ? Truncate(asOf) : null,
        LastPoll = LastPoll is { } poll ? Truncate(poll) : null,
    };

    public static FreshnessView From(HeartbeatStatus heartbeat, TimeSpan pollInterval) => new(
        heartbeat.Now, heartbeat.SourceSnapshotAt, heartbeat.LastPollAt, heartbeat.LeaderAlive, heartbeat.SourceOk, pollInterval);

    public static FreshnessView StoreDown(DateTimeOffset now, TimeSpan pollInterval) =>
        new(now, null, null, false, false, pollInterval, StoreReachable: false);

    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
