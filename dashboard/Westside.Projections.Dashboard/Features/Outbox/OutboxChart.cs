using System.Globalization;
using System.Text;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Dashboard.Features.Outbox;

// The geometry of the outbox charts, server-side: two small panels over the same time axis, pending
// rows and the oldest pending age (in minutes, with the warning and critical thresholds), drawn in a
// 360 x 120 viewBox that scales to the page, so it reads the same at 375 px as on a desktop. Buckets
// with no sample (projector down) break the line instead of being bridged. Reconstructed buckets (the
// projector's estimate from the rows' timestamps, before its first sample) are drawn as their own
// dashed path, so they never pass for observed ones.
public sealed record OutboxChart(OutboxChartPanel Pending, OutboxChartPanel OldestAge, IReadOnlyList<OutboxChartTick> Ticks)
{
    public bool HasReconstructed => Pending.ReconstructedLine.Length > 0;

    public const double Width = 360;
    public const double Height = 120;
    public const double Left = 34;
    public const double Right = 8;
    public const double Top = 8;
    public const double Bottom = 18;
    public const double Baseline = Height - Bottom;
    public const double PlotWidth = Width - Left - Right;
    public const double PlotHeight = Height - Top - Bottom;

    public const string ViewBox = "0 0 360 120";

    public static OutboxChart Of(IReadOnlyList<OutboxSeriesPoint> series, OutboxRange range, DateTimeOffset now, OutboxHealthOptions thresholds)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(thresholds);
        var from = now - range.Span;
        double X(DateTimeOffset at) =>
            Left + (Math.Clamp((at - from) / range.Span, 0, 1) * PlotWidth);
        var xs = series.Select(p => X(p.At + (range.Bucket / 2))).ToList();
        var breaks = Breaks(series, range.Bucket);
        var reconstructed = series.Select(p => p.Reconstructed).ToList();

        var pendingMax = Nice(Math.Max(1, series.Count == 0 ? 0 : series.Max(p => p.Pending)));
        var pending = Panel("Pending rows", "", pendingMax, xs, series.Select(p => (double)p.Pending).ToList(), breaks, reconstructed, [],
            series.Count == 0 ? null : series[^1].Pending.ToString(CultureInfo.InvariantCulture), (series.Count == 0 ? 0 : series.Max(p => p.Pending)).ToString(CultureInfo.InvariantCulture));

        var warn = thresholds.WarnAfter.TotalMinutes;
        var critical = thresholds.CriticalAfter.TotalMinutes;
        var ages = series.Select(p => p.OldestPendingAgeSeconds / 60).ToList();
        var ageMax = Nice(Math.Max(ages.Count == 0 ? 0 : ages.Max(), warn * 1.2));
        var lines = new List<(double Value, string Css, string Label)> { (warn, "warn", OutboxDurations.Format(warn * 60)) };
        if (critical <= ageMax)
        {
            lines.Add((critical, "critical", OutboxDurations.Format(critical * 60)));
        }

        var age = Panel("Oldest pending age (min)", "min", ageMax, xs, ages, breaks, reconstructed, lines,
            ages.Count == 0 ? null : OutboxDurations.Format(ages[^1] * 60), OutboxDurations.Format((ages.Count == 0 ? 0 : ages.Max()) * 60));

        var ticks = new List<OutboxChartTick>();
        for (var k = 0; now - (range.Tick * k) >= from; k++)
        {
            var label = k == 0 ? "now"
                : range.Tick >= TimeSpan.FromDays(1) ? $"−{(range.Tick * k).TotalDays:0}d" : $"−{(range.Tick * k).TotalHours:0}h";
            ticks.Add(new OutboxChartTick(Num(X(now - (range.Tick * k))), label, k == 0 ? "end" : now - (range.Tick * (k + 1)) < from ? "start" : "middle"));
        }

        return new OutboxChart(pending, age, ticks);
    }

    private static OutboxChartPanel Panel(
        string title, string unit, double max, List<double> xs, List<double> values, HashSet<int> breaks, List<bool> reconstructed,
        List<(double Value, string Css, string Label)> thresholds, string? latest, string peak)
    {
        double Y(double v) => Baseline - (Math.Clamp(v / max, 0, 1) * PlotHeight);
        var (line, area) = (new StringBuilder(), new StringBuilder());
        var (estimateLine, estimateArea) = (new StringBuilder(), new StringBuilder());
        var segmentStart = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var startsSegment = i == 0 || breaks.Contains(i) || reconstructed[i] != reconstructed[i - 1];
            if (startsSegment && i > 0)
            {
                CloseArea(reconstructed[i - 1] ? estimateArea : area, xs, segmentStart, i - 1);
            }

            var (l, a) = reconstructed[i] ? (estimateLine, estimateArea) : (line, area);
            if (startsSegment)
            {
                segmentStart = i;
                a.Append('M').Append(Num(xs[i])).Append(' ').Append(Num(Baseline));
            }

            l.Append(startsSegment ? 'M' : 'L').Append(Num(xs[i])).Append(' ').Append(Num(Y(values[i]))).Append(' ');
            a.Append(" L").Append(Num(xs[i])).Append(' ').Append(Num(Y(values[i])));
        }

        if (values.Count > 0)
        {
            CloseArea(reconstructed[^1] ? estimateArea : area, xs, segmentStart, values.Count - 1);
        }

        var summary = latest is null
            ? $"{title}: no samples in this range."
            : $"{title}: now {latest}, peak {peak}.";
        return new OutboxChartPanel(
            title,
            summary,
            line.ToString().TrimEnd(),
            area.ToString().Trim(),
            estimateLine.ToString().TrimEnd(),
            estimateArea.ToString().Trim(),
            [
                new OutboxChartGridLine(Num(Y(0)), "0"),
                new OutboxChartGridLine(Num(Y(max / 2)), Label(max / 2, unit)),
                new OutboxChartGridLine(Num(Y(max)), Label(max, unit)),
            ],
            thresholds.Select(t => new OutboxChartThreshold(Num(Y(t.Value)), t.Css, t.Label)).ToList(),
            values.Count == 0 ? null : new OutboxChartDot(Num(xs[^1]), Num(Y(values[^1]))));
    }

    private static void CloseArea(StringBuilder area, List<double> xs, int from, int to) =>
        area.Append(" L").Append(Num(xs[to])).Append(' ').Append(Num(Baseline)).Append(" Z ");

    // Indexes where a new segment starts: the bucket before is missing.
    private static HashSet<int> Breaks(IReadOnlyList<OutboxSeriesPoint> series, TimeSpan bucket)
    {
        var breaks = new HashSet<int>();
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].At - series[i - 1].At > bucket * 1.5)
            {
                breaks.Add(i);
            }
        }

        return breaks;
    }

    // The next 1, 2 or 5 times a power of ten at or above the value.
    public static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value - 1e-9)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double value, string unit) =>
        value >= 120 && unit == "min"
            ? $"{(value / 60).ToString("0.#", CultureInfo.InvariantCulture)}h"
            : value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

public sealed record OutboxChartPanel(
    string Title,
    string Summary,
    string Line,
    string Area,
    string ReconstructedLine,
    string ReconstructedArea,
    IReadOnlyList<OutboxChartGridLine> Grid,
    IReadOnlyList<OutboxChartThreshold> Thresholds,
    OutboxChartDot? Latest);

public sealed record OutboxChartGridLine(string Y, string Label);

public sealed record OutboxChartThreshold(string Y, string Css, string Label);

public sealed record OutboxChartDot(string X, string Y);

public sealed record OutboxChartTick(string X, string Label, string Anchor);
