namespace Westside.Projections.ReadModel.Outbox;

// outbox_samples.resolution: raw samples (at most one per ~15 s, kept 48 h) and 5-minute points
// (the maxima of the raw samples of each 5 minutes, kept 30 days).
public static class OutboxSampleResolution
{
    public const string Raw = "raw";
    public const string FiveMinutes = "5m";
}
