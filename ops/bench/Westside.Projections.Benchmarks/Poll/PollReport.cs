using System.Globalization;

namespace Westside.Projections.Benchmarks.Poll;

// The figures side by side, the two ratios, and whether the targets hold: a 50,000-player poll within 2x
// of a 150-player poll, and at least 20x cheaper than a full re-read.
public static class PollReport
{
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

    public static void Print(TextWriter o, IReadOnlyList<PollBenchmark.SizeResult> results, Figures? full, Figures? resync, int rounds)
    {
        var small = results.MinBy(r => r.Players)!;
        var large = results.MaxBy(r => r.Players)!;
        o.WriteLine();
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
            o.WriteLine($"{"",16}idle poll (nothing changed since the last one): {r.Idle.WallMs:F2} ms wall, {r.Idle.SourceMs:F2} ms source, " +
                $"{r.Idle.PgBlocks?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} buffers, {r.Idle.CpuMs:F2} ms CPU; all tables skipped in {r.IdleSkippedAll} of {PollBenchmark.IdleRounds} rounds");
        }

        if (resync is not null)
        {
            o.WriteLine($"resync at {large.Players:N0} players (full read + compare with every image, no changes): {resync.WallMs:F0} ms wall, {resync.SourceMs:F0} ms source, {resync.CpuMs:F0} ms CPU, {resync.Events} events");
        }
    }

    private static string Col(string text) => $"{text,16}";

    private static string Fmt(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is > 0 ? (n / denominator.Value).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Verdict(double? ratio, Func<double, bool> ok) =>
        ratio is { } r ? $"{(ok(r) ? "MET   " : "MISSED")} ({r.ToString("F1", CultureInfo.InvariantCulture)}x)" : "n/a";
}
