using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Source;

namespace Westside.Projections.Benchmarks.Poll;

// bench poll: for each capture mode (xmin scan: a source without the optional change marker; change
// marker: the same source with ops/sql/source/optional/0003_change_marker.sql applied after loading) and
// each size, a populated source and an empty store; the initial capture; warm-up rounds; then N rounds of
// (change 10 rows, poll) measured; a few polls that also reconcile; and at the largest size the full
// re-read baseline and a resync. Prints the figures per mode, then the targets of both modes side by
// side (PollReport).
public static class PollBenchmark
{
    private const int WarmUpRounds = 3;
    private const int ReconcilingRounds = 5;
    private const int FullReadRounds = 5;
    public const int IdleRounds = 5;

    public sealed record SizeResult(
        int Players, IReadOnlyList<(string Table, long Rows)> Counts, Figures Initial, Figures Poll, Figures Reconciling,
        Figures Idle, int IdleSkippedAll, int PollsByMarker);

    public sealed record ModeResult(string Mode, IReadOnlyList<SizeResult> Sizes, Figures? Full, Figures? Resync);

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var rounds = 20;
        int[] sizes = [150, 50_000];
        string[] modes = ["xmin", "marker"];
        var population = BenchPopulation.Fixture;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sizes": sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--modes": modes = args[i + 1].Split(','); break;
                case "--population": population = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (modes.Except(["xmin", "marker"]).Any())
        {
            Console.Error.WriteLine("--modes takes xmin, marker or both");
            return 2;
        }

        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        var byMode = new List<ModeResult>();
        foreach (var mode in modes)
        {
            byMode.Add(await RunModeAsync(server, mode, population, sizes, rounds, ct));
            PollReport.Print(Console.Out, byMode[^1], rounds);
        }

        PollReport.PrintTargets(Console.Out, byMode);
        return 0;
    }

    private static async Task<ModeResult> RunModeAsync(
        BenchPostgres server, string mode, string population, int[] sizes, int rounds, CancellationToken ct)
    {
        var results = new List<SizeResult>();
        Figures? full = null, resync = null;
        foreach (var size in sizes)
        {
            Console.WriteLine($"-- {PollReport.ModeName(mode)}, {size:N0} players ({population} population): creating and populating the source...");
            await using var dbs = await BenchDatabases.CreateAsync(server, size, population, ct, changeMarker: mode == "marker");
            var counts = await dbs.RowCountsAsync(SourceContract.Tables.Select(t => t.Name), ct);
            Console.WriteLine($"   {string.Join(", ", counts.Select(c => $"{c.Table} {c.Rows:N0}"))}");
            await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
            await using var store = NpgsqlDataSource.Create(dbs.Store);
            var stats = await StatementStats.CreateAsync(dbs, ct);
            var capture = NewCapture(source, reconcileEveryPolls: int.MaxValue);
            var initial = await MeasureAsync(capture, store, stats, resync: false, ct);
            Console.WriteLine($"   initial capture: {initial.Events:N0} events in {initial.WallMs:F0} ms");

            var changes = await SourceChanges.ForAsync(dbs.SourceAdmin, ct);
            await using var admin = new NpgsqlConnection(dbs.SourceAdmin);
            await admin.OpenAsync(ct);
            for (var i = 0; i < WarmUpRounds; i++)
            {
                await changes.ApplyAsync(admin, ct);
                await MeasureAsync(capture, store, stats, resync: false, ct);
            }

            var verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";
            var polls = new List<Figures>();
            var pollsByMarker = 0;
            for (var i = 0; i < rounds; i++)
            {
                await changes.ApplyAsync(admin, ct);
                polls.Add(await MeasureAsync(capture, store, stats, resync: false, ct));
                pollsByMarker += capture.LastCapture!.TablesByMarker == SourceContract.Tables.Count ? 1 : 0;
                if (verbose)
                {
                    Console.WriteLine($"   round {i + 1}: {polls[^1]}");
                }
            }

            var reconcilingCapture = NewCapture(source, reconcileEveryPolls: 1);
            var reconciling = new List<Figures>();
            for (var i = 0; i < ReconcilingRounds; i++)
            {
                await changes.ApplyAsync(admin, ct);
                reconciling.Add(await MeasureAsync(reconcilingCapture, store, stats, resync: false, ct));
            }

            // Polls with no source change since the previous one: every table should be skipped (the
            // capture's own store commits do not count as source activity when the store shares the cluster).
            var idle = new List<Figures>();
            var skippedAll = 0;
            for (var i = 0; i < IdleRounds; i++)
            {
                idle.Add(await MeasureAsync(capture, store, stats, resync: false, ct));
                skippedAll += capture.LastCapture!.TablesSkipped == SourceContract.Tables.Count ? 1 : 0;
            }

            results.Add(new SizeResult(
                size, counts, initial, Figures.Median(polls), Figures.Median(reconciling), Figures.Median(idle), skippedAll, pollsByMarker));
            Console.WriteLine($"   {rounds} polls: median {Figures.Median(polls).WallMs:F1} ms, {Figures.Median(polls).Events} events");

            if (size == sizes.Max())
            {
                var fulls = new List<Figures>();
                for (var i = 0; i < FullReadRounds; i++)
                {
                    fulls.Add(await FullRead.MeasureAsync(source, stats, ct));
                }

                full = Figures.Median(fulls);
                resync = await MeasureAsync(capture, store, stats, resync: true, ct);
            }
        }

        return new ModeResult(mode, results, full, resync);
    }

    private static XminChangeCapture NewCapture(NpgsqlDataSource source, int reconcileEveryPolls) =>
        new(source, [], Options.Create(new ChangeCaptureOptions
        {
            ReconcileEveryPolls = reconcileEveryPolls,
            ReconcileInterval = TimeSpan.FromDays(1),
        }), TimeProvider.System, NullLogger<XminChangeCapture>.Instance);

    // One poll as the runtime runs it: a store transaction around the capture, committed.
    private static async Task<Figures> MeasureAsync(
        XminChangeCapture capture, NpgsqlDataSource store, StatementStats stats, bool resync, CancellationToken ct)
    {
        await stats.ResetAsync(ct);
        var cpu = CpuClock.Now();
        var wall = Stopwatch.StartNew();
        CaptureBatch batch;
        await using (var conn = await store.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            batch = resync ? await capture.ResyncAsync(conn, tx, ct) : await capture.CaptureAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }

        wall.Stop();
        var cpuAfter = CpuClock.Now();
        var pg = await stats.ReadAsync(ct);
        var s = capture.LastCapture!;
        return new Figures(
            s.SourceTime.TotalMilliseconds, s.SourceHeld.TotalMilliseconds, pg.ExecMs, pg.Rows, pg.Blocks, s.RowsFetched,
            s.BytesFetched, (cpuAfter.Precise - cpu.Precise).TotalMilliseconds, (cpuAfter.Coarse - cpu.Coarse).TotalMilliseconds,
            wall.Elapsed.TotalMilliseconds, batch.Events.Count, cpuAfter.Allocated - cpu.Allocated, cpuAfter.Collections - cpu.Collections);
    }
}
