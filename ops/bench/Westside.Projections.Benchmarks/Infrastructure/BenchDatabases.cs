using System.Security.Cryptography;
using Npgsql;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Benchmarks.Infrastructure;

// One benchmark size: a source database with the fixture schema and the read-only role's grants, populated
// and vacuumed, with pg_stat_statements; and an empty, migrated store database. Dropped on dispose.
// With changeMarker, the optional change-marker migration runs after the population, as basketball-api
// would apply it to a live database (existing rows keep a NULL marker).
public sealed class BenchDatabases : IAsyncDisposable
{
    private readonly BenchPostgres _server;

    private BenchDatabases(BenchPostgres server, int players, string source, string store)
    {
        _server = server;
        Players = players;
        SourceDatabase = source;
        StoreDatabase = store;
    }

    public int Players { get; }

    public string SourceDatabase { get; }

    public string StoreDatabase { get; }

    public string SourceAdmin => _server.ConnectionString(SourceDatabase);

    public string SourceReadOnly => _server.ConnectionString(SourceDatabase, readOnlyRole: true);

    public string Store => _server.ConnectionString(StoreDatabase);

    public static async Task<BenchDatabases> CreateAsync(
        BenchPostgres server, int players, string population, CancellationToken ct, bool changeMarker = false)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var dbs = new BenchDatabases(server, players, $"bench_src_{players}_{suffix}", $"bench_store_{players}_{suffix}");
        await server.ExecAsync("postgres", $"create database {dbs.SourceDatabase}", ct);
        await server.ExecAsync("postgres", $"create database {dbs.StoreDatabase}", ct);

        var schema = Directory.GetFiles(RepoRoot.Combine("ops", "sql", "source"), "*.sql").Order(StringComparer.Ordinal);
        await server.ExecAsync(dbs.SourceDatabase, string.Join("\n", schema.Select(File.ReadAllText)), ct);
        if (server.SetsReadOnlyPassword)
        {
            await server.ExecAsync("postgres", $"alter role {BenchPostgres.ReadOnlyRole} password '{server.ReadOnlyPassword}'", ct);
        }

        await BenchPopulation.PopulateAsync(population, dbs.SourceAdmin, players, ct);
        if (changeMarker)
        {
            await server.ExecAsync(
                dbs.SourceDatabase, await File.ReadAllTextAsync(RepoRoot.Combine("ops", "sql", "source", "optional", "0003_change_marker.sql"), ct), ct);
        }
        await server.ExecAsync(dbs.SourceDatabase, "vacuum analyze", ct);

        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await StoreMigrator.MigrateAsync(store, ct);
        return dbs;
    }

    public async Task<IReadOnlyList<(string Table, long Rows)>> RowCountsAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync(ct);
        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"select count(*) from {table}", conn);
            counts.Add((table, (long)(await cmd.ExecuteScalarAsync(ct))!));
        }

        return counts;
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
