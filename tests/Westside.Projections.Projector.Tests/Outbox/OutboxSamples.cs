using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Tests.Outbox;

// Samples as the sampler writes them, for tests that need history in the store.
internal static class OutboxSamples
{
    public static OutboxSample Of(
        string eventType, DateTimeOffset at, int pending, double? oldest, int failed = 0, double? p95Hour = null) =>
        new(eventType, at, pending, oldest, 0, failed, OutboxAttempts.Histogram([pending + failed]),
            p95Hour is { } p95 ? new OutboxLatency(5, p95 / 2, p95, p95 + 1) : OutboxLatency.None,
            OutboxLatency.None, OutboxAttempts.Histogram([]), [], []);
}
