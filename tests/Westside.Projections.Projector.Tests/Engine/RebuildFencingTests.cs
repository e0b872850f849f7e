using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class RebuildFencingTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private static readonly RebuildProgress Progress = new("replaying", 0, 0, 0, 0, 0, null, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    // A rebuild writes only the tables of its own new version, which no reader reads; what readers see
    // changes only in its switch. Once a new leader's recovery has abandoned it, the old leader's rebuild
    // can neither report progress nor switch, and the projection stays on its live generation.
    [Fact]
    public async Task A_rebuild_whose_leader_was_replaced_can_no_longer_report_or_switch()
    {
        const string name = "fence-test";
        await using var zombie = await db.StoreSource.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand($"insert into projections (name, live_generation, checkpoint) values ('{name}', 0, 0)", zombie))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        int generation;
        await using (var tx = await zombie.BeginTransactionAsync())
        {
            generation = await ProjectionTable.BeginRebuildAsync(zombie, tx, name, Progress, default);
            await tx.CommitAsync();
        }

        var building = new Dictionary<string, int> { [name] = generation };
        await ProjectionTable.ReportProgressAsync(zombie, building, Progress, default);

        // A new leader's recovery abandons the rebuild.
        await using var successor = await db.StoreSource.OpenConnectionAsync();
        await using (var tx = await successor.BeginTransactionAsync())
        {
            Assert.Equal([name], await ProjectionTable.RecoverAsync(successor, tx, default));
            await tx.CommitAsync();
        }

        await Assert.ThrowsAsync<RebuildSupersededException>(() => ProjectionTable.ReportProgressAsync(zombie, building, Progress, default));
        await using (var tx = await zombie.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<RebuildSupersededException>(
                () => ProjectionTable.CompleteRebuildAsync(zombie, tx, name, generation, 10, "test", 1, default));
        }

        var row = (await new DocumentReader(db.StoreSource).ProjectionsAsync(default)).Single(p => p.Name == name);
        Assert.Equal(("live", null, 0), (row.Status, row.BuildingGeneration, row.LiveGeneration));
        Assert.Equal(0L, await CountAsync($"select count(*) from projections where name = '{name}' and story_version is not null"));

        // A later rebuild gets a generation again.
        await using (var tx = await successor.BeginTransactionAsync())
        {
            Assert.True(await ProjectionTable.BeginRebuildAsync(successor, tx, name, Progress, default) > 0);
            await tx.CommitAsync();
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = db.StoreSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
