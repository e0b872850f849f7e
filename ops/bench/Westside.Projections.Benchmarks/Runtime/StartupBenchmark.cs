using System.Globalization;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Population;

namespace Westside.Projections.Benchmarks.Runtime;

// bench startup: how long a projector process takes to start on a populated store, and how much memory it
// holds, for one or more built projectors side by side (e.g. the commit before an engine change beside this
// one). Each engine gets its own store, captured from the same source by its own first start; then the
// engines are restarted in turn, `runs` times each. A start is timed from process start to its documents being
// current ("State loaded": the engine before Marten's daemon had folded the log; "Documents current": the
// daemon holds what the first poll captured) and to its first poll in the heartbeat; memory is read when both
// have happened. The first start is timed the same way: its first poll captures the whole source.
public static class StartupBenchmark
{
    private const double TargetRatio = 1.5;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private sealed record Engine(string Name, string Dll, string Database, string Store)
    {
        public TimeSpan InitialCapture { get; set; }

        public TimeSpan InitialCurrent { get; set; }

        public List<Start> Starts { get; } = [];
    }

    private sealed record Start(TimeSpan StateLoaded, TimeSpan FirstPoll, double Rss, double Peak);

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var players = 50_000;
        var runs = 3;
        var population = BenchPopulation.Fixture;
        var projectors = new List<(string Name, string Dll)>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--players": players = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--population": population = args[i + 1]; break;
                // The name becomes part of a database name: letters, digits and underscores only.
                case "--projector" when args[i + 1].Split('=', 2) is [var name, var dll]
                                        && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'):
                    projectors.Add((name.ToLowerInvariant(), Path.GetFullPath(dll)));
                    break;
                case "--projector":
                    Console.Error.WriteLine("--projector takes NAME=PATH.dll, NAME of letters, digits and underscores");
                    return 2;
                default: Console.Error.WriteLine($"unknown option {args[i]} {args[i + 1]}"); return 2;
            }
        }

        if (projectors.Count == 0)
        {
            projectors.Add(("this", RepoRoot.Combine(
                "projector", "Westside.Projections.Projector", "bin", "Release", "net10.0", "projector.dll")));
        }

        if (projectors.FirstOrDefault(p => !File.Exists(p.Dll)) is { Dll: not null } missing)
        {
            Console.Error.WriteLine($"{missing.Dll} does not exist: build it first (dotnet build projector/Westside.Projections.Projector -c Release)");
            return 2;
        }

        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        Console.WriteLine($"-- {players:N0} players ({population} population): creating and populating the source...");
        await using var dbs = await BenchDatabases.CreateAsync(server, players, population, ct);
        var engines = new List<Engine>();
        try
        {
            foreach (var (name, dll) in projectors)
            {
                var database = $"{dbs.StoreDatabase}_{name}";
                await server.ExecAsync("postgres", $"create database {database}", ct);
                engines.Add(new Engine(name, dll, database, server.ConnectionString(database)));
            }

            // The source was just written: vacuumed and checkpointed first, so that no engine's first start
            // shares the machine with autovacuum or a checkpoint of that write.
            await SettleAsync(server, dbs.SourceDatabase, ct);
            foreach (var engine in engines)
            {
                var first = await StartOnceAsync(engine, dbs.SourceReadOnly, ct);
                // The same after each first start (its store holds a new log and its documents), outside the timing.
                await SettleAsync(server, engine.Database, ct);
                // On an empty store the engine before Marten's daemon loaded its (empty) state before its first poll,
                // which wrote the documents: they are current at the later of the two.
                (engine.InitialCapture, engine.InitialCurrent) = (first.FirstPoll, first.StateLoaded > first.FirstPoll ? first.StateLoaded : first.FirstPoll);
                Console.WriteLine($"   {engine.Name}: first start (migrate, capture {players:N0} players) polled after {first.FirstPoll.TotalSeconds:F1} s, " +
                                  $"documents current after {engine.InitialCurrent.TotalSeconds:F1} s");
            }

            for (var run = 1; run <= runs; run++)
            {
                foreach (var engine in engines)
                {
                    var start = await StartOnceAsync(engine, dbs.SourceReadOnly, ct);
                    engine.Starts.Add(start);
                    Console.WriteLine($"   {engine.Name}, restart {run}: state loaded {start.StateLoaded.TotalSeconds:F1} s, " +
                                      $"first poll {start.FirstPoll.TotalSeconds:F1} s, RSS {start.Rss:F0} MB (peak {start.Peak:F0} MB)");
                }
            }
        }
        finally
        {
            foreach (var engine in engines.Where(_ => Environment.GetEnvironmentVariable("BENCH_KEEP") != "1"))
            {
                await server.ExecAsync("postgres", $"drop database if exists {new NpgsqlConnectionStringBuilder(engine.Store).Database} with (force)", CancellationToken.None);
            }
        }

        return Report(engines, players, runs);
    }

    private static int Report(List<Engine> engines, int players, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"projector start-up at {players:N0} players, median of {runs} restarts, {Environment.ProcessorCount} cores:");
        Console.WriteLine($"  {"engine",-10} {"first start: poll",18} {"current",8} {"state loaded",13} {"first poll",11} {"RSS MB",7} {"peak MB",8}");
        foreach (var e in engines)
        {
            Console.WriteLine($"  {e.Name,-10} {e.InitialCapture.TotalSeconds,17:F1}s {e.InitialCurrent.TotalSeconds,7:F1}s {Median(e, s => s.StateLoaded.TotalSeconds),12:F1}s " +
                              $"{Median(e, s => s.FirstPoll.TotalSeconds),10:F1}s {Median(e, s => s.Rss),7:F0} {Median(e, s => s.Peak),8:F0}");
        }

        if (engines.Count < 2)
        {
            return 0;
        }

        // The last engine named is compared with the first: `--projector old=... --projector new=...`.
        var (baseline, candidate) = (engines[0], engines[^1]);
        var timeRatio = Median(candidate, s => s.FirstPoll.TotalSeconds) / Median(baseline, s => s.FirstPoll.TotalSeconds);
        var memoryRatio = Median(candidate, s => s.Peak) / Median(baseline, s => s.Peak);
        Console.WriteLine($"  {candidate.Name}/{baseline.Name}: start-up {timeRatio:F2}x, peak memory {memoryRatio:F2}x " +
                          $"(target <= {TargetRatio}x): {(timeRatio <= TargetRatio && memoryRatio <= TargetRatio ? "PASS" : "FAIL")}");
        return timeRatio <= TargetRatio && memoryRatio <= TargetRatio ? 0 : 1;
    }

    private static double Median(Engine engine, Func<Start, double> value)
    {
        var sorted = engine.Starts.Count > 0 ? engine.Starts.Select(value).Order().ToList() : [0];
        return sorted[sorted.Count / 2];
    }

    private static async Task SettleAsync(BenchPostgres server, string database, CancellationToken ct)
    {
        await server.ExecAsync(database, "vacuum analyze", ct);
        await server.ExecAsync(database, "checkpoint", ct);
    }

    private static async Task<Start> StartOnceAsync(Engine engine, string source, CancellationToken ct)
    {
        var since = await PollClockAsync(engine.Store, ct);
        await using var process = ProjectorProcess.Start(engine.Dll, source, engine.Store, $"bench-startup-{engine.Name}");
        while (!await HasPolledSinceAsync(engine.Store, since, ct))
        {
            if (process.HasExited || process.Elapsed > Timeout)
            {
                throw new InvalidOperationException($"{engine.Name} did not poll within {Timeout.TotalMinutes} min:\n{process.Tail()}");
            }

            await Task.Delay(50, ct);
        }

        var firstPoll = process.Elapsed;

        // Started means polled AND its documents current with what it captured (the engine before Marten's
        // daemon says so before its first poll; the daemon's leader after it): memory is read then.
        var stateLoaded = await process.StateLoaded.WaitAsync(Timeout - process.Elapsed, ct);
        var (rss, peak) = process.Memory();
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
        {
            Console.WriteLine($"   {engine.Name}'s output (last lines):\n{process.Tail()}");
        }

        return new Start(stateLoaded, firstPoll, rss, peak);
    }

    // The store's clock before a start: a poll is this start's when the heartbeat records it after this.
    private static async Task<DateTime> PollClockAsync(string store, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(store);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("select now()", conn);
        return (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<bool> HasPolledSinceAsync(string store, DateTime since, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(store);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select to_regclass('heartbeat') is not null
               and exists (select 1 from heartbeat where id = 1 and last_poll_at > @since)
            """, conn);
        cmd.Parameters.AddWithValue("since", since);
        try
        {
            return (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }
}
