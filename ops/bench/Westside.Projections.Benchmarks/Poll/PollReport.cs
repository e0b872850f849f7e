using System.Globalization;

namespace Westside.Projections.Benchmarks.Poll;

// The figures side by side, the two ratios, and whether the targets hold: a 50,000-player poll within 2x
// of a 150-player poll, and at least 20x cheaper than a full re-read. One table per capture mode, then
// the verdicts of both modes side by side.
public static class PollReport
{
    public static string ModeName(string mode) => mode == "marker" ? "change marker" : "xmin scan";

    private sealed record Metric(string Name, Func<Figures, double?> Value, string Format, bool Target);

    private static readonly Metric[] Metrics =
    [
        new("source time, client wait on source (ms)", f => f.SourceMs, "F2", true),
        new("source execution, pg_stat_statements (ms)", f => f.PgExecMs, "F2", true),
        new("source snapshot held open (ms)", f => f.HeldMs, "F2", false),
        new("source buffers touched, pg_stat_statements", f => f.PgBlocks, "N0", false),
        new("source rows returned, pg_stat_statements", f => f.PgRows, "N0", false),
        new("rows fetched by the projector", f => f.RowsFetched, "N0", false),
        new("bytes fetched (DataRow payload)", f => f.Bytes, "N0", true),
        new("projector CPU, whole poll (ms)", f => f.CpuMs, "F2", true),
        new("projector managed allocations (bytes)", f => f.AllocatedBytes, "N0", false),
        new("garbage collections during the poll", f => f.Collections, "N0", false),
        new("poll wall time, incl. store (ms)", f => f.WallMs, "F2", false),
        new("events", f => f.Events, "N0", false),
    ];

    public static void Print(TextWriter o, PollBenchmark.ModeResult mode, int rounds)
    {
        var (results, full, resync) = (mode.Sizes, mode.Full, mode.Resync);
        var small = results.MinBy(r => r.Players)!;
        var large = results.MaxBy(r => r.Players)!;
        o.WriteLine();
        o.WriteLine($"=== capture mode: {ModeName(mode.Mode)} ===");
        o.WriteLine($"bench poll: {SourceChanges.RowsPerRound} changed rows per poll, {rounds} measured rounds per size, medians");
        o.WriteLine("process: Release build expected; tiered compilation off (steady-state JIT), so background re-JIT CPU is not billed to polls");
        o.WriteLine($"source rows in total: {string.Join(", ", results.Select(r => $"{r.Players:N0} players -> {r.Counts.Sum(c => c.Rows):N0}"))}");
        o.WriteLine();
        var head = $"{"",-44}{Col($"{small.Players:N0} pl.")}{Col($"{large.Players:N0} pl.")}{Col("full read")}{Col("big/small")}{Col("full/big")}";
        o.WriteLine(head);
        o.WriteLine(new string('-', head.Length));
        foreach (var m in Metrics)
        {
            var a = m.Value(small.Poll);
            var b = m.Value(large.Poll);
            var c = full is null ? null : m.Value(full);
            o.WriteLine($"{m.Name,-44}{Col(Fmt(a, m.Format))}{Col(Fmt(b, m.Format))}{Col(Fmt(c, m.Format))}{Col(Ratio(b, a))}{Col(Ratio(c, b))}");
        }

        o.WriteLine();
        o.WriteLine("targets:");
        foreach (var m in Metrics.Where(m => m.Target))
        {
            var a = m.Value(small.Poll);
            var b = m.Value(large.Poll);
            var c = full is null ? null : m.Value(full);
            var scale = a is > 0 && b is { } bb ? bb / a.Value : (double?)null;
            var saving = b is > 0 && c is { } cc ? cc / b.Value : (double?)null;
            o.WriteLine($"  {m.Name,-44} 50k within 2x of 150: {Verdict(scale, r => r <= 2)}   full read >= 20x 50k poll: {Verdict(saving, r => r >= 20)}");
        }

        o.WriteLine();
        foreach (var r in results)
        {
            o.WriteLine($"{r.Players,7:N0} players: initial capture {r.Initial.Events:N0} events, {r.Initial.WallMs:F0} ms wall, {r.Initial.CpuMs:F0} ms CPU, {r.Initial.Bytes:N0} bytes; " +
                $"a poll that also reconciles: {r.Reconciling.WallMs:F2} ms wall, {r.Reconciling.SourceMs:F2} ms source, {r.Reconciling.Bytes:N0} bytes, {r.Reconciling.PgBlocks?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} buffers; " +
                $"CPU cross-check (Process.TotalProcessorTime, 10 ms ticks, mean): {r.Poll.CoarseCpuMs:F2} ms");
            o.WriteLine($"{"",16}measured polls that read every table by change marker: {r.PollsByMarker} of {rounds}");
            o.WriteLine($"{"",16}idle poll (nothing changed since the last one): {r.Idle.WallMs:F2} ms wall, {r.Idle.SourceMs:F2} ms source, " +
                $"{r.Idle.PgBlocks?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} buffers, {r.Idle.CpuMs:F2} ms CPU; all tables skipped in {r.IdleSkippedAll} of {PollBenchmark.IdleRounds} rounds");
        }

        if (resync is not null)
        {
            o.WriteLine($"resync at {large.Players:N0} players (full read + compare with every image, no changes): {resync.WallMs:F0} ms wall, {resync.SourceMs:F0} ms source, {resync.CpuMs:F0} ms CPU, {resync.Events} events");
        }
    }

    // Both modes' verdicts next to each other: the figures a reader of issue 3 asks for.
    public static void PrintTargets(TextWriter o, IReadOnlyList<PollBenchmark.ModeResult> modes)
    {
        o.WriteLine();
        o.WriteLine("=== targets, both capture modes (medians; 50k/150 must be <= 2x, full re-read/50k must be >= 20x) ===");
        var head = ($"{"",-44}" + string.Concat(modes.Select(m => $"{ModeName(m.Mode) + ": 50k/150",-26}{"full/50k",-26}"))).TrimEnd();
        o.WriteLine(head);
        o.WriteLine(new string('-', head.Length));
        foreach (var metric in Metrics.Where(m => m.Target))
        {
            var line = $"{metric.Name,-44}";
            foreach (var mode in modes)
            {
                var small = mode.Sizes.MinBy(r => r.Players)!;
                var large = mode.Sizes.MaxBy(r => r.Players)!;
                var a = metric.Value(small.Poll);
                var b = metric.Value(large.Poll);
                var c = mode.Full is null ? null : metric.Value(mode.Full);
                var scale = a is > 0 && b is { } bb ? bb / a.Value : (double?)null;
                var saving = b is > 0 && c is { } cc ? cc / b.Value : (double?)null;
                line += $"{Pass(scale, r => r <= 2),-26}{Pass(saving, r => r >= 20),-26}";
            }

            o.WriteLine(line.TrimEnd());
        }

        foreach (var mode in modes)
        {
            var large = mode.Sizes.MaxBy(r => r.Players)!;
            o.WriteLine($"{ModeName(mode.Mode)} at {large.Players:N0} players: poll {Fmt(large.Poll.SourceMs, "F2")} ms source, " +
                $"{large.Poll.Bytes:N0} bytes, {Fmt(large.Poll.CpuMs, "F2")} ms CPU; full re-read {Fmt(mode.Full?.SourceMs, "F2")} ms source, " +
                $"{mode.Full?.Bytes.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} bytes, {Fmt(mode.Full?.CpuMs, "F2")} ms CPU");
        }
    }

    private static string Pass(double? ratio, Func<double, bool> ok) =>
        ratio is { } r ? $"{(ok(r) ? "PASS" : "FAIL")} ({r.ToString("F1", CultureInfo.InvariantCulture)}x)" : "n/a";

    private static string Col(string text) => $"{text,16}";

    private static string Fmt(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is > 0 ? (n / denominator.Value).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Verdict(double? ratio, Func<double, bool> ok) =>
        ratio is { } r ? $"{(ok(r) ? "MET   " : "MISSED")} ({r.ToString("F1", CultureInfo.InvariantCulture)}x)" : "n/a";
}
