using System.Reflection;
using Npgsql;

namespace Westside.Projections.ReadModel.Store;

// Applies Store/Migrations/NNNN_name.sql in order, each once, each in its own transaction,
// recorded in schema_migrations. An advisory lock keeps two starting processes from racing.
public static class StoreMigrator
{
    private const long MigrationLockKey = 0x5753_4D49_4752; // "WSMIGR"

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } = Load();

    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource store, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await Exec(conn, "select pg_advisory_lock(@k)", ct, MigrationLockKey);
        try
        {
            await Exec(conn, """
                create table if not exists schema_migrations (
                    version    integer     primary key,
                    name       text        not null,
                    applied_at timestamptz not null default now())
                """, ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("select version from schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<string>();
            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(migration.Sql, conn, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await using (var cmd = new NpgsqlCommand(
                    "insert into schema_migrations (version, name) values (@v, @n)", conn, tx))
                {
                    cmd.Parameters.AddWithValue("v", migration.Version);
                    cmd.Parameters.AddWithValue("n", migration.Name);
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                done.Add($"{migration.Version:D4}_{migration.Name}");
            }

            return done;
        }
        finally
        {
            await Exec(conn, "select pg_advisory_unlock(@k)", CancellationToken.None, MigrationLockKey);
        }
    }

    // The versions the store lacks (empty when it is fully migrated).
    public static async Task<IReadOnlyList<int>> PendingAsync(NpgsqlDataSource store, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass('schema_migrations') is not null", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            return All.Select(m => m.Version).ToList();
        }

        await using var cmd = new NpgsqlCommand("select coalesce(array_agg(version), '{}') from schema_migrations", conn);
        var applied = (int[])(await cmd.ExecuteScalarAsync(ct))!;
        return All.Select(m => m.Version).Except(applied).ToList();
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, long? key = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (key is { } k)
        {
            cmd.Parameters.AddWithValue("k", k);
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(StoreMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = Path.GetFileNameWithoutExtension(n["Migrations/".Length..]);
                var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
                return new Migration(version, file[5..], Read(assembly, n));
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded migration {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
