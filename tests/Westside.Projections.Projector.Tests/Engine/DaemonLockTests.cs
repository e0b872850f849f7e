using Npgsql;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// Marten's async daemon runs in HotCold mode: only where its advisory lock is held. A leader whose leader
// connection was cut keeps running until its next poll finds out; its daemon keeps the lock until then,
// and a new leader's daemon waits for it instead of running beside it. The new leader here is a session
// that took the leader lock directly (SessionRun): Wolverine's election would move only after it had
// stopped the old leader, unless it dropped the old leader's node as stale while that still ran.
[Collection(EngineCollection.Name)]
public sealed class DaemonLockTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private const int DaemonStarted = 3301;
    private const int DaemonStopping = 3305;

    [Fact]
    public async Task A_new_leaders_daemon_waits_until_the_replaced_leader_has_stopped_its_own()
    {
        await db.SourceExecAsync(SmallClub.Sql);
        var probe = new StoreProbe(db.Store);
        var projections = new[] { new PlayerRowsProjection() };

        // Leader A polls every 10 s: after its leader connection is cut, it runs on for up to 10 s.
        await using var a = EngineRun.Start(db, projections, TimeSpan.FromSeconds(10), tune: o => o with { InstanceName = "daemon-a" });
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(30)));
        await Eventually.HoldsAsync(async () => await DaemonLockHoldersAsync() is ["daemon-a"], TimeSpan.FromSeconds(10));

        // Cut A's leader connection right after one of its polls.
        var polled = (await probe.StatusAsync()).Heartbeat.LastPollAt;
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).Heartbeat.LastPollAt != polled, TimeSpan.FromSeconds(15));
        var store = new NpgsqlConnectionStringBuilder(db.Store).Database;
        await db.Server.AdminExecAsync($"""
            select pg_terminate_backend(pid) from pg_locks
            where locktype = 'advisory' and granted and objsubid = 1
              and database = (select oid from pg_database where datname = '{store}')
              and classid = (({ProjectorLocks.LeaderKey} >> 32) & 4294967295)::bigint::oid
              and objid = ({ProjectorLocks.LeaderKey} & 4294967295)::bigint::oid
            """);

        await using var b = await SessionRun.StartAsync(db, projections, TimeSpan.FromMilliseconds(100), "daemon-b");
        await Eventually.HoldsAsync(() => Task.FromResult(b.Logs.Lines.Any(l => l.EventId == DaemonStarted)), TimeSpan.FromSeconds(10));

        // B leads and its daemon has started, yet the lock stays A's while A runs on; B's daemon runs
        // only once A has stopped its own.
        var waited = 0;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await DaemonLockHoldersAsync() is var holders && holders is not ["daemon-b"])
        {
            if (!a.Logs.Lines.Any(l => l.EventId == DaemonStopping))
            {
                Assert.Equal(["daemon-a"], holders);
                waited++;
            }

            Assert.True(waited < 300, "B's daemon never took the lock");
            Assert.True(DateTime.UtcNow < until, "B's daemon did not take the lock within 30 s");
            await Task.Delay(50);
        }

        Assert.Contains(a.Logs.Lines, l => l.EventId == DaemonStopping);
        Assert.True(waited > 0, "A stopped its daemon before B's had started");

        await db.SourceExecAsync("update players set team_id = 3 where id <= 10");
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
    }

    // The instances whose store connections hold an advisory lock other than the leader lock: Marten's
    // daemon lock (the engines' pools are named after their instance; Wolverine's are not).
    private Task<List<string>> DaemonLockHoldersAsync() => new StoreProbe(db.Store).RowsAsync($"""
        select replace(a.application_name, 'westside-projector ', '')
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted
          and l.database = (select oid from pg_database where datname = current_database())
          and a.application_name like 'westside-projector %'
          and not (l.objsubid = 1 and l.classid = (({ProjectorLocks.LeaderKey} >> 32) & 4294967295)::bigint::oid
                   and l.objid = ({ProjectorLocks.LeaderKey} & 4294967295)::bigint::oid)
        order by 1
        """);
}
