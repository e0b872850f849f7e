using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Benchmarks.Runtime;

// bench latency: the engine polls a populated source at the default interval (2 s) with the catalog's
// projections plus a probe projection (one document per player). N times, at random moments, a player's
// jersey number changes in a committed source transaction; the clock runs from the commit until the
// probe's document shows the new number (the store is read every 20 ms). Documents, events and
// checkpoints commit together, so the probe's visibility is every projection's.
public static class LatencyBenchmark
{
    private const string Probe = "bench-latency-probe";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var players = 150;
        var changes = 30;
        var intervalMs = 2000;
        var population = BenchPopulation.Fixture;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--players": players = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--changes": changes = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--interval-ms": intervalMs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--population": population = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var interval = TimeSpan.FromMilliseconds(intervalMs);
        IReadOnlyList<IProjection> projections = [.. ProjectionCatalog.All, new SampleProjections.Players(Probe)];
        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        Console.WriteLine($"-- {players:N0} players ({population} population), poll interval {intervalMs} ms, projections: {string.Join(", ", projections.Select(p => p.Name))}");
        await using var dbs = await BenchDatabases.CreateAsync(server, players, population, ct);
        await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
        // Wolverine's node as in `projector run`: its election makes the engine the leader.
        using var requests = RequestHost.Build(dbs.Store);
        await requests.StartAsync(ct);
        await using var engine = new ProjectorEngine(
            new EngineOptions(interval, "bench-latency"), dbs.Store,
            ProjectorComposition.CreateCapture(source, [], NullLoggerFactory.Instance), projections, NullLoggerFactory.Instance,
            requests.Services.GetRequiredService<Leadership>(), requests.Services.GetRequiredService<IRequestInbox>());
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => engine.RunAsync(stop.Token), ct);

        await using var admin = new NpgsqlConnection(dbs.SourceAdmin);
        await admin.OpenAsync(ct);
        await using var store = new NpgsqlConnection(dbs.Store);
        await store.OpenAsync(ct);
        var random = new Random(42);
        var latencies = new List<double>();
        await WaitVisibleAsync(store, 1, null, TimeSpan.FromMinutes(5), ct);
        for (var i = 0; i < changes; i++)
        {
            // A random moment relative to the poll cycle.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, intervalMs + 1000)), ct);
            var player = 1 + random.Next(players);
            var number = 1000 + i;
            await using (var cmd = new NpgsqlCommand("update players set jersey_number = @n, updated_at = now() where id = @id", admin))
            {
                cmd.Parameters.AddWithValue("n", number);
                cmd.Parameters.AddWithValue("id", player);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            var clock = Stopwatch.StartNew();
            await WaitVisibleAsync(store, player, number, TimeSpan.FromSeconds(60), ct);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
            {
                Console.WriteLine($"   change {i + 1}: {latencies[^1]:F0} ms");
            }
        }

        await stop.CancelAsync();
        await running;
        latencies.Sort();
        var p50 = Percentile(latencies, 0.50);
        var p95 = Percentile(latencies, 0.95);
        Console.WriteLine();
        Console.WriteLine($"commit -> document visible over {changes} changes, poll interval {intervalMs} ms:");
        Console.WriteLine($"  p50 {p50:F0} ms, p95 {p95:F0} ms, max {latencies[^1]:F0} ms, min {latencies[0]:F0} ms");
        Console.WriteLine($"  p95 / interval = {p95 / intervalMs:F2} (target < 2): {(p95 < 2 * intervalMs ? "PASS" : "FAIL")}");
        return p95 < 2 * intervalMs ? 0 : 1;
    }

    // Nearest-rank percentile of sorted values.
    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task WaitVisibleAsync(NpgsqlConnection store, int player, int? number, TimeSpan timeout, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select d.data->>'jerseyNumber'
            from live_documents d
            where d.projection = @projection and d.id = @id
            """, store);
        cmd.Parameters.AddWithValue("projection", Probe);
        cmd.Parameters.AddWithValue("id", SampleProjections.Players.IdOf(player));
        var until = Stopwatch.StartNew();
        while (true)
        {
            var value = await cmd.ExecuteScalarAsync(ct);
            if (value is string text && (number is null || text == number.Value.ToString(CultureInfo.InvariantCulture)))
            {
                return;
            }

            if (until.Elapsed > timeout)
            {
                throw new TimeoutException($"player {player}'s document did not show the change within {timeout.TotalSeconds} s");
            }

            await Task.Delay(20, ct);
        }
    }
}
