using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class RebuildFencingTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private static readonly RebuildProgress Progress = new("replaying", 0, 0, 0, 0, 0, null, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_rebuild_whose_leader_was_replaced_can_no_longer_write_its_generation()
    {
        const string name = "fence-test";
        await using var leader = await db.StoreSource.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand($"insert into projections (name, live_generation, checkpoint) values ('{name}', 0, 0)", leader))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        int generation;
        await using (var tx = await leader.BeginTransactionAsync())
        {
            generation = await ProjectionTable.BeginRebuildAsync(leader, tx, name, Progress, default);
            await tx.CommitAsync();
        }

        var fence = new Dictionary<string, int> { [name] = generation };
        DocumentRow[] rows = [new("d:1", "doc", "1", "", "{}"), new("d:2", "doc", "2", "", "{}")];

        // The old leader's rebuild is in the middle of a chunk...
        await using var zombie = await db.StoreSource.OpenConnectionAsync();
        await using var chunk = await zombie.BeginTransactionAsync();
        await ProjectionTable.FenceAsync(zombie, chunk, fence, default);
        await DocumentWriter.CopyAsync(zombie, name, generation, rows, 0, default);

        // ...the live poll loop can still advance checkpoints meanwhile...
        await using (var poll = await db.StoreSource.OpenConnectionAsync())
        await using (var tx = await poll.BeginTransactionAsync())
        {
            var advance = ProjectionTable.AdvanceAsync(poll, tx, [name], 0, default);
            Assert.Same(advance, await Task.WhenAny(advance, Task.Delay(3000)));
            await tx.CommitAsync();
        }

        // ...and a new leader's recovery waits for the chunk, then clears the generation.
        await using var successor = await db.StoreSource.OpenConnectionAsync();
        var recovery = Task.Run(async () =>
        {
            await using var tx = await successor.BeginTransactionAsync();
            var interrupted = await ProjectionTable.RecoverAsync(successor, tx, default);
            await tx.CommitAsync();
            return interrupted;
        });
        await Task.Delay(500);
        Assert.False(recovery.IsCompleted);
        await chunk.CommitAsync();
        Assert.Equal([name], await recovery);

        Assert.Equal(0L, await CountAsync($"select count(*) from documents where projection = '{name}'"));
        await using (var next = await zombie.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<RebuildSupersededException>(() => ProjectionTable.FenceAsync(zombie, next, fence, default));
        }

        await Assert.ThrowsAsync<RebuildSupersededException>(() => ProjectionTable.ReportProgressAsync(zombie, fence, Progress, default));
        var row = (await new DocumentReader(db.StoreSource).ProjectionsAsync(default)).Single(p => p.Name == name);
        Assert.Equal(("live", null, 0), (row.Status, row.BuildingGeneration, row.LiveGeneration));

        // A later rebuild gets a higher generation than the abandoned one.
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
