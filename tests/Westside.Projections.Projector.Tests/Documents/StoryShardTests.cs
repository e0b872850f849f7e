using JasperFx.Events;
using Marten;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections;
using Xunit;

namespace Westside.Projections.Projector.Tests.Documents;

// The stories' Marten projection fed batch by batch as the daemon feeds it, each batch committed in its
// own Marten session, with a process dying in between (a new StoryShard, as a new process has). It writes
// a version of its own (the tables of version 2), judged against the projector's live documents.
[Collection(EngineCollection.Name)]
public sealed class StoryShardTests
{
    private const int Batch = 100;
    private const long DeferBehind = 300;
    private const uint Version = 2;
    private static readonly string Shard = StoryDocuments.ShardName(StoryDocuments.AllStories, Version);

    [Fact]
    public async Task A_shard_that_died_while_deferring_its_documents_renders_every_document_when_it_starts_again()
    {
        await using var club = await SettledClubAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        using var store = await StoryStores.CreateAsync(
            log, o => StoryDocuments.RegisterShard(o, StoryDocuments.AllStories, ProjectionCatalog.All, log, Version, Batch, DeferBehind));
        var events = await AllEventsAsync(store);
        Assert.True(events.Count > 4 * DeferBehind, $"{events.Count} events");

        // The first process defers from its first batch (the head is far) and dies halfway through.
        var half = events.Count / 2;
        await FeedAsync(store, NewShard(log), events.Take(half).ToList());
        Assert.Empty((await StoryTables.ReadAsync(club.Store, Version)).SelectMany(s => s.Value));
        await using (var session = store.QuerySession())
        {
            Assert.NotNull(await session.LoadAsync<StoryShardMark>(Shard));
        }

        // The next one starts after the last committed batch and must not lose what the first touched.
        await FeedAsync(store, NewShard(log), events.Skip(half).ToList());
        var differences = StoryTables.Differences(await club.LiveDocumentsAsync(), await StoryTables.ReadAsync(club.Store, Version));
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<StoryShardMark>(Shard));
        }
    }

    [Fact]
    public async Task A_first_build_that_inserted_its_documents_and_died_before_its_next_write_loses_nothing()
    {
        await using var club = await SettledClubAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        using var store = await StoryStores.CreateAsync(
            log, o => StoryDocuments.RegisterShard(o, StoryDocuments.AllStories, ProjectionCatalog.All, log, Version, Batch, DeferBehind, insertFirstBuild: true));
        var events = await AllEventsAsync(store);

        // The first process defers, then inserts every document in the first batch near the head (the mark
        // stays for its next write), and dies right after that batch.
        var head = events[^1].Sequence;
        var batches = events.Chunk(Batch).ToList();
        var upTo = (batches.FindIndex(b => head - b[^1].Sequence <= DeferBehind) + 1) * Batch;
        Assert.InRange(upTo, Batch * 2, events.Count - 1);
        await FeedAsync(store, NewShard(log, insert: true), events.Take(upTo).ToList());
        Assert.NotEmpty((await StoryTables.ReadAsync(club.Store, Version)).SelectMany(s => s.Value));
        await using (var session = store.QuerySession())
        {
            Assert.NotNull(await session.LoadAsync<StoryShardMark>(Shard));
        }

        await FeedAsync(store, NewShard(log, insert: true), events.Skip(upTo).ToList());
        var differences = StoryTables.Differences(await club.LiveDocumentsAsync(), await StoryTables.ReadAsync(club.Store, Version));
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
        await using (var session = store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<StoryShardMark>(Shard));
        }
    }

    // A generated club captured by the engine, which then stops: the log no longer grows.
    private static async Task<DifferentialClub> SettledClubAsync()
    {
        var club = await DifferentialClub.StartAsync(seed: 7, players: 150);
        await club.SettleAsync();
        await club.StopEngineAsync();
        return club;
    }

    private static StoryShard NewShard(NpgsqlDataSource log, bool insert = false) =>
        new(Shard, StoryWriter.For(ProjectionCatalog.All, _ => Version), log, DeferBehind, insert);

    private static async Task FeedAsync(IDocumentStore store, StoryShard shard, IReadOnlyList<IEvent> events)
    {
        foreach (var batch in events.Chunk(Batch))
        {
            await using var session = store.LightweightSession();
            await shard.ApplyAsync(session, batch, CancellationToken.None);
            await session.SaveChangesAsync();
        }
    }

    private static async Task<IReadOnlyList<IEvent>> AllEventsAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        return events.Where(e => e.Data is not Tombstone).ToList();
    }
}
