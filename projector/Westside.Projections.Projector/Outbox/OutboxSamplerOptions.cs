namespace Westside.Projections.Projector.Outbox;

// How the outbox sampler keeps its time series and its latency ledger. Code defaults (tests and the
// benchmark override some); only the health thresholds are operator settings (OutboxHealthOptions).
public sealed record OutboxSamplerOptions
{
    public static OutboxSamplerOptions Default { get; } = new();

    // A raw sample is written at most this often, unless the state changes materially (see OutboxSampler).
    public TimeSpan RawEvery { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaintenanceEvery { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan PointRetention { get; init; } = TimeSpan.FromDays(30);

    // How many failed rows, retrying rows and oldest pending rows a sample lists.
    public int ListedErrors { get; init; } = 20;
    public int ListedOldestPending { get; init; } = 5;

    // How far back OutboxHistory reconstructs the time before the first sample: the longest chart.
    // Zero turns reconstruction off.
    public TimeSpan HistoryWindow { get; init; } = TimeSpan.FromDays(7);

    // Latency ledger (LatencyLedger explains each).
    public TimeSpan CommitSlack { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan LiveSpan { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan RotationChunk { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaxLookback { get; init; } = TimeSpan.FromDays(8);
    public TimeSpan RebuildAfterGap { get; init; } = TimeSpan.FromMinutes(10);
}
