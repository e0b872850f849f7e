using System.Diagnostics;
using Marten;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Documents;

// Marten's projection versioning under the stories (issue 13 item 3's mechanism): a story rebuilt at a
// new version builds its own table under its own shard while the live version's table keeps serving,
// whole, to a reader that reads it in a loop.
[Collection(EngineCollection.Name)]
public sealed class StoryVersionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_story_rebuilt_at_a_new_version_builds_beside_the_live_table_which_readers_see_whole_throughout()
    {
        await using var club = await DifferentialClub.StartAsync(seed: 42, players: 150);
        await club.SettleAsync();
        await club.StopEngineAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        var triage = ProjectionCatalog.All.Single(p => p.Name == "triage");

        using var blue = await StoryStores.CreateAsync(log);
        await StoryStores.CatchUpAsync(blue);

        await using var conn = new NpgsqlConnection(club.Store);
        await conn.OpenAsync();
        var live = await StoryTables.ReadAsync(conn, triage.Name, 1);
        Assert.NotEmpty(live);

        // The reader: the live table, read in a loop until the new version is built.
        using var built = new CancellationTokenSource();
        var reads = Task.Run(async () =>
        {
            await using var reader = new NpgsqlConnection(club.Store);
            await reader.OpenAsync();
            var seen = new List<int>();
            while (!built.IsCancellationRequested)
            {
                seen.Add((await StoryTables.ReadAsync(reader, triage.Name, 1)).Count);
            }

            return seen;
        });

        using var green = await StoryStores.CreateAsync(log, o => StoryDocuments.RegisterShard(o, triage.Name, [triage], log, version: 2, batchSize: 100));
        var clock = Stopwatch.StartNew();
        using (var daemon = await green.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync(triage.Name, StoryStores.Patience, CancellationToken.None);
        }

        await built.CancelAsync();
        var counts = await reads;
        output.WriteLine($"version 2 built in {clock.ElapsedMilliseconds} ms; the reader read version 1 {counts.Count} times: {counts.Min()}-{counts.Max()} documents");
        Assert.All(counts, c => Assert.Equal(live.Count, c));

        var rebuilt = await StoryTables.ReadAsync(conn, triage.Name, 2);
        var differences = StoryTables.Differences(
            new Dictionary<string, List<StoredDocument>> { [triage.Name] = live },
            new Dictionary<string, List<StoredDocument>> { [triage.Name] = rebuilt });
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));

        await using var progress = new NpgsqlCommand("select name from mt_event_progression where name like '%:All' order by name", conn);
        var shards = new List<string>();
        await using (var r = await progress.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                shards.Add(r.GetString(0));
            }
        }

        Assert.Equal(["stories:All", "triage:V2:All"], shards);
    }

    [Fact]
    public async Task A_new_version_built_in_bulk_outside_the_daemon_is_carried_on_by_the_daemon_from_where_the_build_ended()
    {
        await using var club = await DifferentialClub.StartAsync(seed: 42, players: 150);
        await club.SettleAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        using var green = await StoryStores.CreateAsync(
            log, o => StoryDocuments.RegisterShard(o, StoryDocuments.AllStories, ProjectionCatalog.All, log, version: 2, batchSize: 5000));
        var writers = ProjectionCatalog.All.Select(p => StoryWriter.For(p, 2)).ToList();
        var shard = StoryDocuments.ShardName(StoryDocuments.AllStories, 2);
        var head = await StoryBulkBuild.RunAsync(green, log, shard, writers, CancellationToken.None);
        await AssertVersionTwoEqualsTheEnginesAsync(club, "after the bulk build");

        // The daemon takes the shard on from the build's position, through source writes made meanwhile.
        await new SourceMutations(42).ApplyAsync(club.SourceAdmin, 25, 3, TimeSpan.FromMilliseconds(60), true, CancellationToken.None);
        await club.SettleAsync();
        await StoryStores.CatchUpAsync(green);
        await AssertVersionTwoEqualsTheEnginesAsync(club, "after the daemon carried it on");
        await using var conn = await log.OpenConnectionAsync();
        var progress = Assert.Single(await ShardProgressReader.ReadAsync(conn, CancellationToken.None));
        Assert.Equal("stories:V2:All", progress.Shard);
        Assert.True(progress.Position > head, $"{progress.Position} after {head}");
    }

    private static async Task AssertVersionTwoEqualsTheEnginesAsync(DifferentialClub club, string when)
    {
        await using var conn = new NpgsqlConnection(club.Store);
        await conn.OpenAsync();
        var built = new Dictionary<string, List<StoredDocument>>(StringComparer.Ordinal);
        foreach (var story in ProjectionCatalog.All)
        {
            built[story.Name] = await StoryTables.ReadAsync(conn, story.Name, 2);
        }

        var differences = StoryTables.Differences(await club.LiveDocumentsAsync(), built);
        Assert.True(differences.Count == 0, $"{when}: {string.Join("\n", differences.Take(30))}");
    }
}
