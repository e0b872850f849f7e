namespace Westside.Projections.ReadModel.Outbox;

// Processing latency (processed_at - created_at) of the rows processed in a window. Percentiles are
// nearest-rank (PostgreSQL's percentile_disc): an observed latency that at least p of the rows met.
public sealed record OutboxLatency(int Count, double? P50Seconds, double? P95Seconds, double? MaxSeconds)
{
    public static OutboxLatency None { get; } = new(0, null, null, null);

    // Sorts the span in place.
    public static OutboxLatency Of(Span<double> seconds)
    {
        if (seconds.IsEmpty)
        {
            return None;
        }

        seconds.Sort();
        return new OutboxLatency(seconds.Length, Rank(seconds, 0.50), Rank(seconds, 0.95), seconds[^1]);
    }

    private static double Rank(ReadOnlySpan<double> sorted, double p) =>
        sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
