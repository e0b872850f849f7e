using System.Globalization;
using Npgsql;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Requests;

// Requests as Wolverine messages on the store's queue: picked up fast by the leader, retried then
// dead-lettered when they keep failing, and carried over from the old queue on upgrade.
[Collection(EngineCollection.Name)]
public sealed class RequestQueueTests(MigratedStore db, ITestOutputHelper output) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task The_leader_picks_a_request_up_within_a_second()
    {
        var probe = new StoreProbe(db.Store);
        await using var engine = EngineRun.Start(db, [], TimeSpan.FromMilliseconds(200));
        var reader = new DocumentReader(db.StoreSource);
        var pickups = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var id = await engine.FileAsync("resync", "all", "cli:operator");
            await Eventually.HoldsAsync(async () => (await reader.RequestAsync(id, default))!.IsFinished, every: TimeSpan.FromMilliseconds(20));
            var request = (await reader.RequestAsync(id, default))!;
            Assert.Equal("done", request.Status);
            pickups.Add((request.StartedAt!.Value - request.RequestedAt).TotalMilliseconds);
        }

        var sorted = pickups.Order().ToList();
        output.WriteLine($"pickup (requested_at -> started_at) ms: {string.Join(", ", pickups.Select(p => p.ToString("0", CultureInfo.InvariantCulture)))}; median {sorted[sorted.Count / 2]:0}, max {sorted[^1]:0}");
        // The first may include the listener's first poll of the queue.
        Assert.All(pickups.Skip(1), p => Assert.True(p < 1000, $"picked up after {p:0} ms"));
        Assert.Equal(8, await probe.ScalarAsync<long>("select count(*) from audit_log where action = 'resync.completed'"));
    }

    [Fact]
    public async Task A_request_that_keeps_failing_is_retried_then_dead_lettered_and_failed_once()
    {
        // The source is unreachable: a resync cannot succeed (polling backs off; the leader keeps leading).
        await using var engine = EngineRun.Start(
            db, [], TimeSpan.FromMilliseconds(200), maxBackoff: TimeSpan.FromMilliseconds(500),
            source: "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2");
        var reader = new DocumentReader(db.StoreSource);
        var probe = new StoreProbe(db.Store);

        var id = await engine.FileAsync("resync", "all", "dashboard:subject-9");

        await Eventually.HoldsAsync(async () => await probe.ScalarAsync<long>(
            $"select count(*) from wolverine.wolverine_dead_letters where exception_message like 'Request {id} failed:%'") == 1, every: TimeSpan.FromMilliseconds(20));
        var request = (await reader.RequestAsync(id, default))!;
        Assert.Equal("failed", request.Status);
        Assert.NotNull(request.Error);
        Assert.Equal(
            [$"dashboard:subject-9 | resync.failed | {id}"],
            await probe.RowsAsync($"select actor, action, detail->>'requestId' from audit_log where detail->>'requestId' = '{id}'"));
        Assert.Equal(
            ["1 of 3", "2 of 3", "3 of 3"],
            engine.Logs.Lines.Where(l => l.EventId == 3016 && l.Message.StartsWith($"Request {id} failed on attempt", StringComparison.Ordinal))
                .Select(l => l.Message[(l.Message.IndexOf("attempt ", StringComparison.Ordinal) + 8)..][..6]).ToList());
    }
}

// A store of the previous version (migrations up to 0007) with requests in its rebuild_requests queue.
[Collection(EngineCollection.Name)]
public sealed class RequestUpgradeTests(SourceAndStore db) : IClassFixture<SourceAndStore>
{
    [Fact]
    public async Task Requests_pending_in_the_old_queue_are_sent_as_messages_and_served_after_the_upgrade()
    {
        await using var store = NpgsqlDataSource.Create(db.Store);
        await using (var conn = await store.OpenConnectionAsync())
        {
            await Exec(conn, "create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())");
            foreach (var migration in StoreMigrator.All.Where(m => m.Version <= 7))
            {
                await Exec(conn, migration.Sql);
                await Exec(conn, $"insert into schema_migrations (version, name) values ({migration.Version}, '{migration.Name}')");
            }

            await Exec(conn, """
                insert into rebuild_requests (kind, projection, requested_by, status, started_at, finished_at)
                    values ('rebuild', 'all', 'cli:old', 'done', now(), now());
                insert into rebuild_requests (kind, projection, requested_by) values ('rebuild', 'all', 'dashboard:subject-3');
                insert into rebuild_requests (kind, projection, requested_by, status, started_at) values ('resync', 'all', 'cli:old', 'running', now());
                """);
        }

        await StoreMigrator.MigrateAsync(store, default);
        var probe = new StoreProbe(db.Store);
        Assert.Equal(
            ["1 | rebuild | done | True", "2 | rebuild | pending | False", "3 | resync | pending | False"],
            await probe.RowsAsync("select id, kind, status, message_sent from request_status order by id"));

        await using var engine = EngineRun.Start(db, [], TimeSpan.FromMilliseconds(200));
        var reader = new DocumentReader(store);
        await Eventually.HoldsAsync(async () => (await reader.RecentRequestsAsync(10, default)).All(r => r.IsFinished), every: TimeSpan.FromMilliseconds(20));

        Assert.Equal(
            ["1 | done | cli:old", "2 | done | dashboard:subject-3", "3 | done | cli:old"],
            (await reader.RecentRequestsAsync(10, default)).OrderBy(r => r.Id).Select(r => $"{r.Id} | {r.Status} | {r.RequestedBy}"));
        Assert.Equal(0, await probe.ScalarAsync<long>("select count(*) from request_status where not message_sent"));
        Assert.Equal(4, (await engine.FileAsync("rebuild", "all", "cli:new")));
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
