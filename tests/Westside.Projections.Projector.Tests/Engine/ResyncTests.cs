using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class ResyncTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task A_resync_repairs_a_log_that_lost_a_row()
    {
        await db.SourceExecAsync("""
            insert into parents (id, first_name, last_name) values (900, 'Parent', 'Family');
            insert into players (id, parent_id, first_name, last_name, birth_year) select g, 900, 'Kid', 'R' || g, 2013 from generate_series(900, 905) g;
            """);
        var probe = new StoreProbe(db.Store);
        await using var engine = EngineRun.Start(db, [], TimeSpan.FromMilliseconds(100));
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));

        // Damage: the log says player 903 was removed (and the capture's image agrees), the source does not.
        await using (var conn = await db.StoreSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await EventLog.AppendAsync(db.Events.Store, conn, tx, new CaptureBatch(DateTimeOffset.UtcNow, [new("players", "903", new PlayerRemoved(903))]), default);
            await using var forget = new NpgsqlCommand("delete from source_rows where source_table = 'players' and source_key = '903'", conn, tx);
            await forget.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        Assert.Equal(["players 903: missing"], await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(1)));
        var id = await engine.FileAsync("resync", "all", "cli:operator");
        var reader = new DocumentReader(db.StoreSource);
        await Eventually.HoldsAsync(async () => (await reader.RequestAsync(id, default))!.IsFinished);
        Assert.Equal("done", (await reader.RequestAsync(id, default))!.Status);
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(1)));
        Assert.Equal(["cli:operator | resync.completed | 1"], await probe.RowsAsync(
            "select actor, action, detail->>'events' from audit_log where action like 'resync%'"));
    }
}
