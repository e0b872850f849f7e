using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class CatchUpTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task A_first_start_on_a_long_log_builds_the_documents_in_bulk_and_the_daemon_carries_on_from_the_head()
    {
        await db.SourceExecAsync(SmallClub.Sql);
        var probe = new StoreProbe(db.Store);
        var reader = new DocumentReader(db.StoreSource);

        // The first poll appends about 150 events; the daemon, ten events a batch, is far behind them.
        await using (var engine = EngineRun.Start(
            db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(100),
            tune: o => o with { CatchUpEvents = 50, DaemonBatchSize = 10 }))
        {
            await Eventually.HoldsAsync(async () => (await reader.ProjectionsAsync(default)).All(p => p.LiveGeneration == 1));
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));

            // A change after the build is the daemon's, from where the build left the shard.
            await db.SourceExecAsync("update players set team_id = 3 where id <= 10");
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
            await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(db.SourceAdmin));
            Assert.Single(engine.Logs.Lines, l => l.EventId == 3022);
        }

        var audit = await probe.RowsAsync("select actor, action, detail->>'projection' from audit_log order by id");
        Assert.Equal(["projector:catch-up | rebuild.completed | all"], audit);
        var rows = (await reader.ProjectionsAsync(default)).Select(p => (p.Name, p.LiveGeneration, p.LastRebuildBy)).ToList();
        Assert.Equal([("test-players", 1, CatchUp.Requester), ("test-team-counts", 1, CatchUp.Requester)], rows);
        Assert.Equal(["0"], await probe.RowsAsync("select count(*) from mt_doc_story_shard_mark"));
    }

    [Theory]
    [InlineData(0, 400_000, true)]
    [InlineData(300_000, 400_000, true)]
    [InlineData(330_000, 400_000, false)]
    [InlineData(0, 49_999, false)]
    [InlineData(0, 50_000, true)]
    public void A_gap_is_built_in_bulk_when_it_is_long_and_a_fifth_of_the_log(long position, long head, bool bulk) =>
        Assert.Equal(bulk, CatchUp.IsWorthIt(position, head, CatchUp.DefaultEvents));

    [Fact]
    public void No_catch_up_build_when_it_is_turned_off() =>
        Assert.False(CatchUp.IsWorthIt(0, 1_000_000, 0));
}
