using System.Diagnostics;
using Npgsql;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class LeaderElectionTests(MigratedStore db, ITestOutputHelper output) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task A_standby_takes_over_within_ten_seconds_when_the_leader_dies()
    {
        await db.SourceExecAsync("""
            insert into teams (id, name, season, age_group, gender) values (1, 'Team', '2026-spring', '12U', 'girls');
            insert into parents (id, first_name, last_name) select g, 'Parent', 'Family ' || g from generate_series(1, 10) g;
            """);
        var probe = new StoreProbe(db.Store);
        using var leader = ProjectorProcess.Start(db, db.Store, 200, "leader-a");
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).Heartbeat is { Leader: "leader-a", LastPollAt: not null }, TimeSpan.FromSeconds(30));
        using var standby = ProjectorProcess.Start(db, db.Store, 200, "standby-b");
        await standby.WaitForOutputAsync("Standing by", TimeSpan.FromSeconds(30));

        // basketball-api keeps changing players throughout.
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            for (var id = 1; !stop.IsCancellationRequested; id++)
            {
                await db.SourceExecAsync($"""
                    insert into players (id, parent_id, team_id, first_name, last_name, birth_year) values ({id}, 1 + {id} % 10, 1, 'Kid', 'K{id}', 2014);
                    update players set contract_status = 'signed' where id = {Math.Max(1, id - 3)};
                    """);
                writes++;
                await Task.Delay(50);
            }
        });

        // Only the leader writes: it holds the lock, the heartbeat names it, the standby commits nothing.
        for (var i = 0; i < 10; i++)
        {
            var status = await probe.StatusAsync();
            Assert.Equal("leader-a", status.Heartbeat.Leader);
            Assert.Equal(1L, await LockHoldersAsync());
            await Task.Delay(200);
        }

        Assert.DoesNotContain(standby.Output, l => l.Contains("Batch committed", StringComparison.Ordinal));
        var head = (await probe.StatusAsync()).LogHead;
        Assert.True(head > 0);

        leader.Kill();
        var sinceKill = Stopwatch.StartNew();
        DateTimeOffset killedAt;
        await using (var conn = new NpgsqlConnection(db.Store))
        {
            await conn.OpenAsync();
            await using var now = new NpgsqlCommand("select now()", conn);
            await using var reader = await now.ExecuteReaderAsync();
            await reader.ReadAsync();
            killedAt = reader.GetFieldValue<DateTimeOffset>(0);
        }

        await Eventually.HoldsAsync(async () =>
            (await probe.StatusAsync()).Heartbeat is { Leader: "standby-b", LastPollAt: { } at } && at > killedAt
            && (await probe.StatusAsync()).LogHead > head,
            TimeSpan.FromSeconds(10));
        var takeover = sinceKill.Elapsed;
        output.WriteLine($"standby committed its first batch {takeover.TotalMilliseconds:0} ms after the leader was killed");
        Assert.True(takeover < TimeSpan.FromSeconds(10));
        Assert.Contains(standby.Output, l => l.Contains("Leader lock acquired", StringComparison.Ordinal));

        await Task.Delay(1500);
        await stop.CancelAsync();
        await writer;
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
        var events = await probe.EventsAsync();
        LogChecks.AssertGapsOnlyFromKills(events, kills: 1);
        LogChecks.AssertNoDuplicates(events);
        Assert.Equal(writes, events.Count(e => e.Type == "PlayerRegistered"));
        Assert.Equal(1L, await LockHoldersAsync());
    }

    private async Task<long> LockHoldersAsync()
    {
        await using var conn = new NpgsqlConnection(db.Store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select count(*) from pg_locks
            where locktype = 'advisory' and granted and objsubid = 1
              and classid = ((@key >> 32) & 4294967295)::bigint::oid and objid = (@key & 4294967295)::bigint::oid
              and database = (select oid from pg_database where datname = current_database())
            """, conn);
        cmd.Parameters.AddWithValue("key", ProjectorLocks.LeaderKey);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
