using Westside.Projections.Dashboard.Features.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Outbox;

public sealed class OutboxChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 24, 12, 0, 0, TimeSpan.Zero);

    private static OutboxSeriesPoint Point(double hoursAgo, int pending, double ageMinutes = 0) =>
        new(Now - TimeSpan.FromHours(hoursAgo), pending, ageMinutes * 60, 0);

    [Fact]
    public void A_missing_stretch_breaks_the_line_instead_of_bridging_it()
    {
        var chart = OutboxChart.Of(
            [Point(3, 1), Point(3 - (5.0 / 60), 2), Point(1, 4), Point(1 - (5.0 / 60), 3)],
            OutboxRange.Day, Now, OutboxHealthOptions.Default);

        Assert.Equal(2, chart.Pending.Line.Count(c => c == 'M'));
        Assert.Equal(2, chart.Pending.Area.Count(c => c == 'Z'));
        Assert.Equal("Pending rows: now 3, peak 4.", chart.Pending.Summary);
    }

    [Fact]
    public void The_age_scale_always_shows_the_warning_line_and_the_critical_one_once_reached()
    {
        var calm = OutboxChart.Of([Point(1, 1, 0.5)], OutboxRange.Day, Now, OutboxHealthOptions.Default);
        var stalled = OutboxChart.Of([Point(1, 2, 47)], OutboxRange.Day, Now, OutboxHealthOptions.Default);

        Assert.Equal(["warn"], calm.OldestAge.Thresholds.Select(t => t.Css));
        Assert.Equal(["warn", "critical"], stalled.OldestAge.Thresholds.Select(t => t.Css));
        Assert.Equal(["0", "25", "50"], stalled.OldestAge.Grid.Select(g => g.Label));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(300, 500)]
    [InlineData(1100, 2000)]
    public void Scales_end_on_a_round_number(double max, double nice)
    {
        Assert.Equal(nice, OutboxChart.Nice(max));
    }

    [Fact]
    public void The_day_axis_is_marked_every_6_hours_and_stays_inside_the_viewbox()
    {
        var chart = OutboxChart.Of([], OutboxRange.Day, Now, OutboxHealthOptions.Default);

        Assert.Equal(["now", "−6h", "−12h", "−18h", "−24h"], chart.Ticks.Select(t => t.Label));
        Assert.Equal(("end", "start"), (chart.Ticks[0].Anchor, chart.Ticks[^1].Anchor));
        Assert.Equal("Pending rows: no samples in this range.", chart.Pending.Summary);
        Assert.Empty(chart.Pending.Line);
    }
}
