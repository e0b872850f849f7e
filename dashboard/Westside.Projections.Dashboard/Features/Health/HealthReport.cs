namespace Westside.Projections.Dashboard.Features.Health;

// /healthz: public, so it carries no PII and no error texts; counts, ages and generations only.
public sealed record HealthReport(
    string Status,
    bool StoreReachable,
    double? HeartbeatAgeSeconds,
    bool? ProjectorRunning,
    bool? SourceOk,
    bool Stale,
    long? LogHead,
    IReadOnlyList<HealthProjection> Projections,
    HealthOutbox? Outbox = null,
    HealthDocuments? Documents = null);

public sealed record HealthProjection(string Name, int LiveGeneration, long Checkpoint, string Status);

// The outbox as last sampled (null before the first sampling): state "ok" | "warning" | "critical",
// the one-line verdict (counts and ages only), and how old the sample is.
public sealed record HealthOutbox(
    string State, string Headline, int Pending, double? OldestPendingAgeSeconds, int Failed, double SampleAgeSeconds);

// Marten's async daemon over the stories (null before it first ran): the log position the documents are
// current to, the daemon's high-water mark, and how long the oldest event not yet in them has waited
// (null: caught up).
public sealed record HealthDocuments(string Shard, long Position, long HighWaterMark, double? OldestPendingAgeSeconds);
