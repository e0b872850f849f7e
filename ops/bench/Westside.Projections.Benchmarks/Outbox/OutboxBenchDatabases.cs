using System.Security.Cryptography;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Benchmarks.Outbox;

// A scratch source with the fixture schema and an outbox of `rows` rows as basketball-api would have
// after a month: ~98% processed (spread over 30 days, most within seconds, 1% after minutes), some
// pending (the last 3 hours, a third of them retrying), some failed (5 attempts, errors naming a
// recipient); 90% contract_signed, 10% another event type. And an empty, migrated store. Dropped on dispose.
public sealed class OutboxBenchDatabases : IAsyncDisposable
{
    private readonly BenchPostgres _server;

    private OutboxBenchDatabases(BenchPostgres server, string source, string store)
    {
        _server = server;
        SourceDatabase = source;
        StoreDatabase = store;
    }

    public string SourceDatabase { get; }
    public string StoreDatabase { get; }
    public string SourceAdmin => _server.ConnectionString(SourceDatabase);
    public string SourceReadOnly => _server.ConnectionString(SourceDatabase, readOnlyRole: true);
    public string Store => _server.ConnectionString(StoreDatabase);

    public static async Task<OutboxBenchDatabases> CreateAsync(BenchPostgres server, int rows, int pending, int failed, CancellationToken ct)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var dbs = new OutboxBenchDatabases(server, $"bench_outbox_src_{suffix}", $"bench_outbox_store_{suffix}");
        await server.ExecAsync("postgres", $"create database {dbs.SourceDatabase}", ct);
        await server.ExecAsync("postgres", $"create database {dbs.StoreDatabase}", ct);
        var schema = Directory.GetFiles(RepoRoot.Combine("ops", "sql", "source"), "*.sql").Order(StringComparer.Ordinal);
        await server.ExecAsync(dbs.SourceDatabase, string.Join("\n", schema.Select(File.ReadAllText)), ct);
        if (server.SetsReadOnlyPassword)
        {
            await server.ExecAsync("postgres", $"alter role {BenchPostgres.ReadOnlyRole} password '{server.ReadOnlyPassword}'", ct);
        }

        var processed = rows - pending - failed;
        // Rows go in in created_at order, as a live outbox fills. Latency: 1 to 30 s, and 1% 2 to 60 min.
        await server.ExecAsync(dbs.SourceDatabase, $"""
            insert into outbox (event_type, aggregate_id, payload, status, attempts, last_error, created_at, processed_at)
            select case when g % 10 = 0 then 'roster_exported' else 'contract_signed' end, 1 + g % 150,
                   jsonb_build_object('to', 'parent' || g || '@example.com', 'player', 1 + g % 150, 'team_share_url', 'https://groupme.com/join_group/1/x'), 'processed', 1 + (g % 40 = 0)::int,
                   case when g % 40 = 0 then 'SMTP 451 try again later' end,
                   c, c + case when g % 100 = 0 then make_interval(mins => 2 + g % 59) else make_interval(secs => 1 + (g % 97) * 0.3) end
            from generate_series({processed}, 1, -1) g,
                 lateral (select now() - interval '30 days' * (g::float8 / {processed}) - interval '3 hours' as c) t;
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at)
            select 'contract_signed', 1 + g % 150, 'failed', 5,
                   'SMTP 550 mailbox unavailable: parent' || g || '@example.com', now() - interval '30 days' * random()
            from generate_series(1, {failed}) g;
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at)
            select 'contract_signed', 1 + g % 150, 'pending', g % 3, case when g % 3 > 0 then 'GroupMe 503' end,
                   now() - interval '3 hours' * (g::float8 / {pending})
            from generate_series({pending}, 1, -1) g;
            """, ct);
        await server.ExecAsync(dbs.SourceDatabase, "vacuum analyze outbox", ct);

        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await StoreMigrator.MigrateAsync(store, ct);
        return dbs;
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") == "1")
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await _server.ExecAsync("postgres", $"drop database if exists {SourceDatabase} with (force)", CancellationToken.None);
        await _server.ExecAsync("postgres", $"drop database if exists {StoreDatabase} with (force)", CancellationToken.None);
    }
}
