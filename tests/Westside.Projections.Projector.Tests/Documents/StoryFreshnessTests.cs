using Marten;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Documents;

// Freshness from Marten's daemon (issue 13 item 5): what the dashboard reads with SQL equals what Marten
// reports (position, high-water mark, oldest unprocessed event), caught up and behind.
[Collection(EngineCollection.Name)]
public sealed class StoryFreshnessTests
{
    [Fact]
    public async Task Freshness_read_with_SQL_equals_what_Marten_reports_when_caught_up_and_when_behind()
    {
        await using var club = await DifferentialClub.StartAsync(seed: 42, players: 150);
        await club.SettleAsync();
        await club.StopEngineAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);

        // The projector's own configuration of the stories (version 1, one shard), its daemon run here.
        using var store = await StoryStores.CreateAsync(log);
        await using var conn = await log.OpenConnectionAsync();

        await StoryStores.CatchUpAsync(store);
        var caughtUp = await StoryFreshness.ReadAsync(store, CancellationToken.None);
        Assert.Equal(caughtUp, await ShardProgressReader.ReadAsync(conn, CancellationToken.None));
        var shard = Assert.Single(caughtUp);
        Assert.Equal("stories:All", shard.Shard);
        Assert.Null(shard.OldestPendingAt);
        Assert.Equal(await EventLogReader.HeadAsync(conn, null, CancellationToken.None), shard.Position);

        // No daemon runs and events are appended: the shard falls behind.
        await using (var tx = await conn.BeginTransactionAsync())
        {
            var removals = Enumerable.Range(1, 3).Select(id => new CapturedEvent("players", $"{id}", new PlayerRemoved(id))).ToList();
            await EventLog.AppendAsync(store, conn, tx, new CaptureBatch(DateTimeOffset.UtcNow, removals), CancellationToken.None);
            await tx.CommitAsync();
        }

        var behind = await StoryFreshness.ReadAsync(store, CancellationToken.None);
        Assert.Equal(behind, await ShardProgressReader.ReadAsync(conn, CancellationToken.None));
        shard = Assert.Single(behind);
        await using (var first = new NpgsqlCommand("select timestamp from mt_events where seq_id > @p order by seq_id limit 1", conn))
        {
            first.Parameters.AddWithValue("p", shard.Position);
            await using var row = await first.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal(row.GetFieldValue<DateTimeOffset>(0), shard.OldestPendingAt);
        }

        Assert.True(shard.AgeAt(DateTimeOffset.UtcNow) > TimeSpan.Zero);

        await StoryStores.CatchUpAsync(store);
        shard = Assert.Single(await ShardProgressReader.ReadAsync(conn, CancellationToken.None));
        Assert.Null(shard.OldestPendingAt);
        Assert.Equal(await EventLogReader.HeadAsync(conn, null, CancellationToken.None), shard.Position);
    }
}
