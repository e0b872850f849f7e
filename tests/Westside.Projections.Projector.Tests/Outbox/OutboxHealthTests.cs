using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxHealthTests
{
    private static readonly OutboxHealthOptions Defaults = OutboxHealthOptions.Default;

    private static OutboxSample Sample(int pending = 0, double? oldest = null, int failed = 0, double? p95Hour = null, double? p95Day = null) =>
        new(OutboxSample.AllTypes, DateTimeOffset.UnixEpoch, pending, oldest, 0, failed,
            OutboxAttempts.Histogram([]),
            p95Hour is null ? OutboxLatency.None : new OutboxLatency(10, 1, p95Hour, p95Hour),
            p95Day is null ? OutboxLatency.None : new OutboxLatency(100, 1, p95Day, p95Day),
            OutboxAttempts.Histogram([]), [], []);

    [Fact]
    public void An_empty_outbox_is_OK_and_says_so_with_the_hour_p95()
    {
        var report = OutboxHealth.Evaluate(Sample(p95Hour: 4.2), Defaults);

        Assert.Equal(OutboxHealthState.Ok, report.State);
        Assert.Empty(report.Reasons);
        Assert.Equal("OK — 0 pending, p95 4.2 s", report.Headline);
    }

    [Fact]
    public void Without_rows_processed_in_the_hour_the_headline_falls_back_to_the_day_and_says_so()
    {
        Assert.Equal("OK — 0 pending, p95 (24 h) 12 s", OutboxHealth.Evaluate(Sample(p95Day: 12.7), Defaults).Headline);
        Assert.Equal("OK — 0 pending", OutboxHealth.Evaluate(Sample(), Defaults).Headline);
    }

    [Fact]
    public void A_burst_of_young_pending_rows_is_OK()
    {
        var report = OutboxHealth.Evaluate(Sample(pending: 300, oldest: 30, p95Hour: 4), Defaults);

        Assert.Equal(OutboxHealthState.Ok, report.State);
        Assert.Equal("OK — 300 pending, p95 4 s", report.Headline);
    }

    [Theory]
    [InlineData(300, OutboxHealthState.Ok)]
    [InlineData(300.5, OutboxHealthState.Warning)]
    [InlineData(1800, OutboxHealthState.Warning)]
    [InlineData(1800.5, OutboxHealthState.Critical)]
    public void The_oldest_pending_age_is_compared_with_the_thresholds_strictly(double oldest, OutboxHealthState expected)
    {
        Assert.Equal(expected, OutboxHealth.Evaluate(Sample(pending: 1, oldest: oldest), Defaults).State);
    }

    [Fact]
    public void A_stalled_worker_is_critical_in_one_line_a_phone_can_read()
    {
        var report = OutboxHealth.Evaluate(Sample(pending: 2, oldest: 47 * 60 + 12), Defaults);

        Assert.Equal(OutboxHealthState.Critical, report.State);
        Assert.Equal("2 pending, oldest 47 min — worker stalled?", report.Headline);
        Assert.Equal(["oldest pending 47 min — worker stalled?"], report.Reasons);
    }

    [Fact]
    public void A_slow_worker_warns()
    {
        var report = OutboxHealth.Evaluate(Sample(pending: 1, oldest: 6 * 60), Defaults);

        Assert.Equal(OutboxHealthState.Warning, report.State);
        Assert.Equal("1 pending, oldest 6 min — worker slow?", report.Headline);
    }

    [Fact]
    public void Any_failed_row_warns_and_is_counted()
    {
        var report = OutboxHealth.Evaluate(Sample(failed: 3), Defaults);

        Assert.Equal(OutboxHealthState.Warning, report.State);
        Assert.Equal(["3 failed"], report.Reasons);
        Assert.Equal("3 failed, 0 pending", report.Headline);
    }

    [Fact]
    public void Failed_rows_do_not_soften_a_critical_stall_and_both_reasons_are_given()
    {
        var report = OutboxHealth.Evaluate(Sample(pending: 2, oldest: 2 * 3600, failed: 1), Defaults);

        Assert.Equal(OutboxHealthState.Critical, report.State);
        Assert.Equal(["oldest pending 2 h — worker stalled?", "1 failed"], report.Reasons);
        Assert.Equal("2 pending, oldest 2 h — worker stalled? · 1 failed", report.Headline);
    }

    [Fact]
    public void Thresholds_are_the_configured_ones()
    {
        var strict = new OutboxHealthOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        Assert.Equal(OutboxHealthState.Critical, OutboxHealth.Evaluate(Sample(pending: 1, oldest: 61), strict).State);
        Assert.Equal(OutboxHealthState.Ok, OutboxHealth.Evaluate(Sample(pending: 1, oldest: 61), Defaults).State);
    }
}
