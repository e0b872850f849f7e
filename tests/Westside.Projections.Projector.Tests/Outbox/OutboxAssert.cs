using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

internal static class OutboxAssert
{
    public static void Latency(OutboxLatency expected, OutboxLatency actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Close(expected.P50Seconds, actual.P50Seconds);
        Close(expected.P95Seconds, actual.P95Seconds);
        Close(expected.MaxSeconds, actual.MaxSeconds);
    }

    public static void Latency(int count, double p50, double p95, double max, OutboxLatency actual) =>
        Latency(new OutboxLatency(count, p50, p95, max), actual);

    public static void Attempts(IReadOnlyDictionary<string, int> expected, IReadOnlyDictionary<string, int> actual)
    {
        foreach (var label in OutboxAttempts.Labels)
        {
            Assert.True(expected.GetValueOrDefault(label) == actual[label],
                $"attempts {label}: expected {expected.GetValueOrDefault(label)}, sampled {actual[label]}");
        }
    }

    // The same figures a sample carries (records holding dictionaries and lists compare by reference).
    public static void SameFigures(OutboxSample expected, OutboxSample actual)
    {
        Assert.Equal(
            (expected.EventType, expected.SampledAt, expected.Pending, expected.OldestPendingAgeSeconds, expected.Retrying, expected.Failed),
            (actual.EventType, actual.SampledAt, actual.Pending, actual.OldestPendingAgeSeconds, actual.Retrying, actual.Failed));
        Attempts(expected.Attempts, actual.Attempts);
        Latency(expected.LatencyHour, actual.LatencyHour);
        Latency(expected.LatencyDay, actual.LatencyDay);
        Attempts(expected.ProcessedAttemptsDay, actual.ProcessedAttemptsDay);
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(expected.OldestPending, actual.OldestPending);
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(e - a) < 1e-6, $"expected {e}, sampled {a}");
        }
    }
}
