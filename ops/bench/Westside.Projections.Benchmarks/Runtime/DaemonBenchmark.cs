using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Poll;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Benchmarks.Runtime;

// bench daemon: the stories run as Marten projections by Marten's async daemon (StoryShard), beside the
// engine, on one event log captured from a populated source (50,000 players by default). In one run:
// - building every story's documents from an empty store: the engine's `rebuild all` against the daemon
//   catching up from sequence 0, in events/s, and the documents each wrote;
// - the memory the daemon's stories hold (each story folds its own ClubState) against one state;
// - a change's way: source commit -> the engine's poll commits -> the daemon has projected it.
public static class DaemonBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var players = 50_000;
        var changes = 10;
        var population = BenchPopulation.Fixture;
        // The layout chosen by this bench's figures (docs/engine-on-marten.md): one shard, batches of 5,000.
        var shardPerStory = false;
        var batchSize = 5000;
        var insert = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--players": players = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--changes": changes = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--population": population = args[i + 1]; break;
                case "--shards": shardPerStory = args[i + 1] == "per-story"; break;
                case "--batch": batchSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--insert": insert = args[i + 1] == "on"; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var stories = ProjectionCatalog.All;
        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}; {Environment.ProcessorCount} cores; {stories.Count} stories");
        Console.WriteLine($"-- {players:N0} players ({population} population): creating and populating the source...");
        await using var dbs = await BenchDatabases.CreateAsync(server, players, population, ct);
        await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await using var dedicated = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(dbs.Store) { Pooling = false }.ConnectionString);
        var options = new EngineOptions(TimeSpan.FromSeconds(2), "bench");

        // The log: one real poll of the whole source (capture, append, the engine's documents).
        var clock = Stopwatch.StartNew();
        var leader = await LeaderConnection.TryAcquireAsync(dedicated, ct)
                     ?? throw new InvalidOperationException("Another process holds the leader lock of the bench store.");
        await using var session = new LeaderSession(
            leader, store, null, ProjectorComposition.CreateCapture(source, [], NullLoggerFactory.Instance), stories, options, NullLogger.Instance);
        await session.StartAsync(ct);
        var first = await session.PollAsync(resync: false, ct);
        Console.WriteLine($"   initial capture: {first.Events:N0} events, {first.Documents:N0} documents in {clock.ElapsedMilliseconds:N0} ms");

        var rebuilder = new Rebuilder(store, leader, session.Live, options, NullLogger.Instance);
        var engine = await rebuilder.RebuildAsync(stories, "bench:daemon", ct);

        var before = Memory.Take();
        using var marten = MartenEventStore.Create(store, o =>
        {
            StoryDocuments.Register(o, stories, store, shardPerStory, batchSize, insertFirstBuild: insert);
            o.Projections.RebuildWithBulkCopy = insert;
        });
        await MartenEventStore.ApplySchemaAsync(marten);
        using var daemon = await marten.BuildProjectionDaemonAsync();
        clock.Restart();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(TimeSpan.FromMinutes(20));
        var daemonBuild = clock.Elapsed;
        var withStates = Memory.Take();
        var daemonDocuments = await CountAsync(store, stories, ct);

        // One ClubState of the same log, for scale.
        var one = new ClubState();
        await using (var conn = await store.OpenConnectionAsync(ct))
        {
            await StateLoader.FoldAsync(conn, one, 0, await EventLogReader.HeadAsync(conn, null, ct), null, ct);
        }

        var withOneMore = Memory.Take();

        // Rendering alone: every document of every story from that state, serialised as StoryWriter does,
        // nothing written (what the daemon's last batch spends before Marten stores anything).
        clock.Restart();
        var rendered = 0;
        foreach (var story in stories)
        {
            foreach (var id in story.AllDocumentIds(one))
            {
                if (story.Render(one, id) is { } document)
                {
                    JsonSerializer.SerializeToElement(document.Data, document.Data.GetType(), DocumentJson.Options);
                    rendered++;
                }
            }
        }

        var renderAll = clock.Elapsed;
        GC.KeepAlive(one);

        Console.WriteLine();
        Console.WriteLine($"every story's documents from an empty store, {engine.Events:N0} events; daemon: {(shardPerStory ? "a shard per story" : "one shard for all stories")}, batches of {batchSize:N0} events{(insert ? ", first build inserted (bulk copy in rebuilds)" : "")}:");
        Console.WriteLine($"  engine rebuild all   {engine.Duration.TotalSeconds,7:F2} s = {engine.Events / engine.Duration.TotalSeconds,9:N0} events/s, {engine.Documents:N0} documents " +
                          $"(replay {engine.Replay.TotalSeconds:F2} s, documents rendered and copied {engine.Write.TotalSeconds:F2} s)");
        Console.WriteLine($"  Marten async daemon  {daemonBuild.TotalSeconds,7:F2} s = {engine.Events / daemonBuild.TotalSeconds,9:N0} events/s, {daemonDocuments:N0} documents " +
                          $"({engine.Duration.TotalSeconds / daemonBuild.TotalSeconds:F2}x the engine's rate)");
        Console.WriteLine($"  rendering alone: {rendered:N0} documents from one state in {renderAll.TotalSeconds:F2} s, nothing written");
        Console.WriteLine("memory (managed heap after a full GC; RSS):");
        Console.WriteLine($"  before the daemon        {before}");
        Console.WriteLine($"  daemon caught up         {withStates}  (+{(withStates.Heap - before.Heap) / 1048576.0:N0} MB heap)");
        Console.WriteLine($"  one more ClubState       {withOneMore}  (+{(withOneMore.Heap - withStates.Heap) / 1048576.0:N0} MB heap)");

        // Source commit -> poll committed -> daemon projected it.
        var sourceChanges = await SourceChanges.ForAsync(dbs.SourceAdmin, ct);
        var pollMs = new List<double>();
        var daemonMs = new List<double>();
        await using (var admin = new NpgsqlConnection(dbs.SourceAdmin))
        {
            await admin.OpenAsync(ct);
            for (var i = 0; i < changes; i++)
            {
                await sourceChanges.ApplyAsync(admin, ct);
                clock.Restart();
                await session.PollAsync(resync: false, ct);
                pollMs.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await daemon.WaitForNonStaleData(TimeSpan.FromMinutes(1));
                daemonMs.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        pollMs.Sort();
        daemonMs.Sort();
        Console.WriteLine($"{changes} rounds of {SourceChanges.RowsPerRound} changed source rows:");
        Console.WriteLine($"  poll (capture, append, engine documents)   p50 {pollMs[changes / 2],6:F0} ms, max {pollMs[^1],6:F0} ms");
        Console.WriteLine($"  then the daemon's documents up to date     p50 {daemonMs[changes / 2],6:F0} ms, max {daemonMs[^1],6:F0} ms");
        await daemon.StopAllAsync();

        // The same again as a rebuild (Marten empties the tables, then replays), as a new version's build runs,
        // by a daemon of its own (the running one stopped: after a rebuild it did not resume the shard).
        using var rebuilding = await marten.BuildProjectionDaemonAsync();
        var logEvents = engine.Events + changes * SourceChanges.RowsPerRound;
        clock.Restart();
        foreach (var shard in shardPerStory ? stories.Select(s => s.Name) : [StoryDocuments.AllStories])
        {
            await rebuilding.RebuildProjectionAsync(shard, TimeSpan.FromMinutes(20), ct);
        }

        var rebuild = clock.Elapsed;
        Console.WriteLine($"daemon rebuild (RebuildProjectionAsync) of about {logEvents:N0} events: {rebuild.TotalSeconds:F2} s = {logEvents / rebuild.TotalSeconds:N0} events/s, " +
                          $"{await CountAsync(store, stories, ct):N0} documents ({engine.Duration.TotalSeconds / rebuild.TotalSeconds:F2}x the engine's rate)");

        // A version 2 of the shard built in bulk outside the daemon (StoryBulkBuild), then handed to it.
        using var green = MartenEventStore.Create(
            store, o => StoryDocuments.RegisterShard(o, StoryDocuments.AllStories, stories, store, version: 2, batchSize));
        await MartenEventStore.ApplySchemaAsync(green);
        clock.Restart();
        await StoryBulkBuild.RunAsync(
            green, store, StoryDocuments.ShardName(StoryDocuments.AllStories, 2), stories.Select(s => StoryWriter.For(s, 2)).ToList(), ct);
        var bulk = clock.Elapsed;
        Console.WriteLine($"version 2 built in bulk outside the daemon (fold, render once, COPY): {bulk.TotalSeconds:F2} s = {logEvents / bulk.TotalSeconds:N0} events/s, " +
                          $"{await CountAsync(store, stories, ct, version: 2):N0} documents ({engine.Duration.TotalSeconds / bulk.TotalSeconds:F2}x the engine's rate)");
        return 0;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource store, IEnumerable<IProjection> stories, CancellationToken ct, uint version = 1)
    {
        long total = 0;
        foreach (var story in stories)
        {
            await using var cmd = store.CreateCommand($"select count(*) from {StoryDocuments.TableName(story.Name, version)}");
            total += (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        return total;
    }

    private readonly record struct Memory(long Heap, long Rss)
    {
        public static Memory Take()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            return new Memory(GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
        }

        public override string ToString() => $"heap {Heap / 1048576.0,6:N0} MB, RSS {Rss / 1048576.0,6:N0} MB";
    }
}
