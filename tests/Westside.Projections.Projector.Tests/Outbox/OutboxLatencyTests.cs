using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxLatencyTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_observed_values()
    {
        var seconds = Enumerable.Range(1, 20).Select(i => (double)(21 - i)).ToArray();

        Assert.Equal(new OutboxLatency(20, 10, 19, 20), OutboxLatency.Of(seconds));
    }

    [Fact]
    public void One_value_is_every_percentile_and_none_is_none()
    {
        Assert.Equal(new OutboxLatency(1, 3.5, 3.5, 3.5), OutboxLatency.Of(new[] { 3.5 }));
        Assert.Equal(OutboxLatency.None, OutboxLatency.Of([]));
    }
}
