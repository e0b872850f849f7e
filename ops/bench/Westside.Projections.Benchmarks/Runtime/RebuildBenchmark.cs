using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Benchmarks.Runtime;

// bench rebuild: a populated source (50,000 players by default) captured once into the event log by a
// real poll and projected by Marten's daemon (its first build from an empty store, timed), then
// `rebuild all` timed: replay of the log into a fresh state, every document of every story bulk-inserted
// into the tables of a new version, the switch, and the daemon resumed on them. Also times a fold alone.
public static class RebuildBenchmark
{
    private const double Target = 20_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var players = 50_000;
        var rounds = 3;
        var population = BenchPopulation.Fixture;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--players": players = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--population": population = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var projections = ProjectionCatalog.All.Count > 0 ? ProjectionCatalog.All : SampleProjections.All;
        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        Console.WriteLine($"projections: {(ProjectionCatalog.All.Count > 0 ? "the catalog" : "bench samples (the catalog is empty)")}: " +
                          string.Join(", ", projections.Select(p => p.Name)));
        Console.WriteLine($"-- {players:N0} players ({population} population): creating and populating the source...");
        await using var dbs = await BenchDatabases.CreateAsync(server, players, population, ct);
        await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await using var dedicated = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(dbs.Store) { Pooling = false }.ConnectionString);
        var options = new EngineOptions(TimeSpan.FromSeconds(2), "bench");
        var logger = NullLogger.Instance;

        // The log: one real poll of the whole source (capture, append), then Marten's daemon projects it.
        var clock = Stopwatch.StartNew();
        var results = new List<RebuildResult>();
        var leader = await AcquireAsync(dedicated, ct);
        await using (var session = new LeaderSession(
            leader, store, null,
            ProjectorComposition.CreateCapture(source, [], NullLoggerFactory.Instance), projections, options, logger))
        {
            await session.StartAsync(ct);
            var poll = await session.PollAsync(resync: false, ct);
            var events = poll.Events;
            Console.WriteLine($"   initial capture: {events:N0} events in {clock.ElapsedMilliseconds:N0} ms");
            clock.Restart();
            if (!await session.WaitForDocumentsAsync(TimeSpan.FromMinutes(20), ct))
            {
                throw new TimeoutException("The stories' documents did not catch up with the log within 20 minutes.");
            }

            Console.WriteLine($"   Marten's daemon, first build from the empty store: {clock.Elapsed.TotalSeconds:F2} s = {events / clock.Elapsed.TotalSeconds:N0} events/s");

            // The fold a rebuild starts with.
            await using (var conn = await store.OpenConnectionAsync(ct))
            {
                clock.Restart();
                // The log may skip sequence numbers (Marten): fold up to its head, not up to the event count.
                await StateLoader.FoldAsync(conn, new ClubState(), 0, await EventLogReader.HeadAsync(conn, null, ct), null, ct);
                Console.WriteLine($"   fold of the log: {events:N0} events in {clock.ElapsedMilliseconds:N0} ms ({events / clock.Elapsed.TotalSeconds:N0} events/s)");
            }

            for (var round = 1; round <= rounds; round++)
            {
                var result = await session.RebuildAsync(projections, "bench:rebuild", ct);
                results.Add(result);
                Console.WriteLine($"   rebuild all, round {round}: {result.Events:N0} events, {result.Documents:N0} documents in " +
                                  $"{result.Duration.TotalSeconds:F2} s = {result.Events / result.Duration.TotalSeconds:N0} events/s " +
                                  $"(replay {result.Replay.TotalSeconds:F2} s = {result.Events / result.Replay.TotalSeconds:N0} events/s, " +
                                  $"documents {result.Write.TotalSeconds:F2} s = {result.Documents / result.Write.TotalSeconds:N0} documents/s)");
            }
        }

        var best = results.MinBy(r => r.Duration)!;
        var median = results.OrderBy(r => r.Duration).ElementAt(results.Count / 2);
        var rate = median.Events / median.Duration.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"rebuild all ({population} population): {median.Events:N0} events, {median.Documents:N0} documents, {projections.Count} projections, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  median {median.Duration.TotalSeconds:F2} s = {rate:N0} events/s; best {best.Duration.TotalSeconds:F2} s = {best.Events / best.Duration.TotalSeconds:N0} events/s");
        Console.WriteLine($"  target >= {Target:N0} events/s: {(rate >= Target ? "PASS" : "FAIL")}");
        return rate >= Target ? 0 : 1;
    }

    // A closed leader session releases its lock as its backend exits, a moment after the client closed.
    private static async Task<LeaderConnection> AcquireAsync(NpgsqlDataSource dedicated, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await LeaderConnection.TryAcquireAsync(dedicated, ct) is { } leader)
            {
                return leader;
            }

            await Task.Delay(100, ct);
        }

        throw new InvalidOperationException("Another process holds the leader lock of the bench store.");
    }
}
