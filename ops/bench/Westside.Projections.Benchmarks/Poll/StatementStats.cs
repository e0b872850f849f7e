using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;

namespace Westside.Projections.Benchmarks.Poll;

// pg_stat_statements for the read-only role in one source database: server execution time, rows returned
// and shared buffers touched (hit + read) since the last reset. Needs the library preloaded (ops/pg does).
public sealed class StatementStats
{
    private readonly string _admin;
    private readonly string _database;

    private StatementStats(string admin, string database, bool available)
    {
        _admin = admin;
        _database = database;
        Available = available;
    }

    public bool Available { get; }

    public static async Task<StatementStats> CreateAsync(BenchDatabases dbs, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(dbs.SourceAdmin);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "create extension if not exists pg_stat_statements; select count(*) from pg_stat_statements", conn);
            await cmd.ExecuteScalarAsync(ct);
            return new StatementStats(dbs.SourceAdmin, dbs.SourceDatabase, true);
        }
        catch (PostgresException e)
        {
            Console.WriteLine($"note: pg_stat_statements unavailable ({e.SqlState}: {e.MessageText}); server-side figures omitted");
            return new StatementStats(dbs.SourceAdmin, dbs.SourceDatabase, false);
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        if (!Available)
        {
            return;
        }

        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("select pg_stat_statements_reset()", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<(double? ExecMs, long? Rows, long? Blocks)> ReadAsync(CancellationToken ct)
    {
        if (!Available)
        {
            return (null, null, null);
        }

        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select coalesce(sum(s.total_exec_time), 0)::float8, coalesce(sum(s.rows), 0)::bigint,
                   coalesce(sum(s.shared_blks_hit + s.shared_blks_read), 0)::bigint
            from pg_stat_statements s
            where s.dbid = (select oid from pg_database where datname = @db)
              and s.userid = (select oid from pg_roles where rolname = @role)
            """, conn);
        cmd.Parameters.AddWithValue("db", _database);
        cmd.Parameters.AddWithValue("role", BenchPostgres.ReadOnlyRole);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetDouble(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
