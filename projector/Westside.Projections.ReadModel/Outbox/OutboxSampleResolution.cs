namespace Westside.Projections.ReadModel.Outbox;

// outbox_samples.resolution: raw samples (at most one per ~15 s, kept 48 h), 5-minute points (the
// maxima of the raw samples of each 5 minutes, kept 30 days), and reconstructed points: the pending
// count and oldest pending age computed from the source rows' timestamps for instants before the
// first sample (kept 30 days, like the points).
public static class OutboxSampleResolution
{
    public const string Raw = "raw";
    public const string FiveMinutes = "5m";
    public const string Reconstructed = "reconstructed";
}
