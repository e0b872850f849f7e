using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;

namespace Westside.Projections.Benchmarks.Mcp;

// How many statements any client ran in the source database, from pg_stat_statements (every role, utility
// statements included; the count's own queries excluded). Unlike pg_stat_database's transaction counter it
// does not count autovacuum, which may visit the freshly loaded source during a run. Null when the library is
// not preloaded (ops/pg preloads it; a BENCH_PGURL server may not).
public sealed class SourceStatements
{
    private readonly string _admin;

    private SourceStatements(string admin, bool available)
    {
        _admin = admin;
        Available = available;
    }

    public bool Available { get; }

    public static async Task<SourceStatements> CreateAsync(BenchDatabases dbs, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(Unpooled(dbs.SourceAdmin));
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "create extension if not exists pg_stat_statements; select count(*) from pg_stat_statements", conn);
            await cmd.ExecuteScalarAsync(ct);
            return new SourceStatements(dbs.SourceAdmin, true);
        }
        catch (PostgresException e)
        {
            Console.WriteLine($"note: pg_stat_statements unavailable ({e.SqlState}: {e.MessageText}); source transactions are the measure");
            return new SourceStatements(dbs.SourceAdmin, false);
        }
    }

    public async Task<long?> CountAsync(CancellationToken ct)
    {
        if (!Available)
        {
            return null;
        }

        await using var conn = new NpgsqlConnection(Unpooled(_admin));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select coalesce(sum(calls), 0)::bigint from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database())
              and query not ilike '%pg_stat_statements%'
            """, conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // Each connection closes when its query is done, so no idle session of ours stays in the source.
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public static string Describe(long? before, long? after) =>
        before is { } b && after is { } a ? $"{a - b} statements" : "statements not counted";
}
