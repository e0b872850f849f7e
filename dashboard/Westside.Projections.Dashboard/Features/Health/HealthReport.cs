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
    IReadOnlyList<HealthProjection> Projections);

public sealed record HealthProjection(string Name, int LiveGeneration, long Checkpoint, string Status);
