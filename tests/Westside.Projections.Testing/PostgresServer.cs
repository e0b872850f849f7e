using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Testing;

// The PostgreSQL server tests run against: the one TEST_PGURL names (any server a developer already
// runs, e.g. in Docker; superuser URL), else a throwaway cluster this process starts with ops/pg on a
// free port and stops at exit. Tests get fresh databases: sources are copied from a template that holds
// the fixture schema and the read-only role's grants.
public sealed class PostgresServer
{
    public const string ReadOnlyRole = "westside_projections_ro";
    public const string ReadOnlyPassword = "westside-ro-test";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string? _template;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database, string? user = null, string? password = null)
    {
        var b = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true };
        if (user is not null)
        {
            b.Username = user;
            b.Password = password;
        }

        return b.ConnectionString;
    }

    public async Task<string> CreateSourceDatabaseAsync(string hint)
    {
        var template = await EnsureTemplateAsync();
        var name = UniqueName("src", hint);
        await AdminExecAsync($"create database {name} template {template}");
        return name;
    }

    public async Task<string> CreateEmptyDatabaseAsync(string hint)
    {
        var name = UniqueName("db", hint);
        await AdminExecAsync($"create database {name}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminExecAsync($"drop database if exists {name} with (force)");
    }

    public async Task AdminExecAsync(string sql, string database = "postgres")
    {
        await using var conn = new NpgsqlConnection(ConnectionString(database));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public static string SourceSqlDirectory => RepoPaths.Combine("ops", "sql", "source");

    private async Task<string> EnsureTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var files = Directory.GetFiles(SourceSqlDirectory, "*.sql").Order(StringComparer.Ordinal).ToList();
            var sql = string.Join("\n", files.Select(File.ReadAllText));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))[..10];
            var name = $"westside_source_tpl_{hash}";

            // Several test assemblies may race to create the same template: serialise on an advisory lock.
            await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
            await conn.OpenAsync();
            await Exec(conn, "select pg_advisory_lock(5705)");
            try
            {
                await using var exists = new NpgsqlCommand("select count(*) from pg_database where datname = @n", conn);
                exists.Parameters.AddWithValue("n", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await Exec(conn, $"create database {name}");
                    await using (var tpl = new NpgsqlConnection(ConnectionString(name)))
                    {
                        await tpl.OpenAsync();
                        await Exec(tpl, sql);
                    }

                    await Exec(conn, $"alter role {ReadOnlyRole} password '{ReadOnlyPassword}'");
                    NpgsqlConnection.ClearAllPools();
                }
            }
            finally
            {
                await Exec(conn, "select pg_advisory_unlock(5705)");
            }

            _template = name;
            return name;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string UniqueName(string prefix, string hint)
    {
        var clean = new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length > 30)
        {
            clean = clean[..30];
        }

        return $"t_{prefix}_{clean}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable("TEST_PGURL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return new PostgresServer(PgConnectionString.Parse(url, "TEST_PGURL"));
        }

        SweepStoppedClusters();
        var port = FreePort();
        var dir = RepoPaths.Combine(".local", $"test-pg-{port}");
        var env = new Dictionary<string, string> { ["PG_DIR"] = dir, ["PG_PORT"] = $"{port}", ["PG_EPHEMERAL"] = "1" };
        await RunPgScriptAsync("start", env);
        // destroy: stop, and remove the cluster wherever ops/pg put it (outside the checkout when the
        // postgres user cannot enter it, e.g. a checkout under /root).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunPgScriptAsync("destroy", env).GetAwaiter().GetResult();
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true");
    }

    // The exit handler above does not always get to delete its cluster (the test runner ends its host
    // soon after the run), so each start removes the throwaway clusters that no longer run: no
    // postmaster.pid (stopped), or one naming a process that is gone (crashed). A folder touched in the
    // last ten minutes is left alone: another test assembly may be running initdb in it right now. When
    // ops/pg put a cluster outside the checkout, the folder's `cluster` file names where.
    private static void SweepStoppedClusters()
    {
        var local = RepoPaths.Combine(".local");
        if (!Directory.Exists(local))
        {
            return;
        }

        foreach (var dir in Directory.GetDirectories(local, "test-pg-*"))
        {
            var pointer = Path.Combine(dir, "cluster");
            var cluster = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : dir;
            var pidFile = Path.Combine(cluster, "data", "postmaster.pid");
            var recent = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) < TimeSpan.FromMinutes(10);
            if (recent || (File.Exists(pidFile) && PostmasterRuns(pidFile)))
            {
                continue;
            }

            TryDelete(cluster);
            TryDelete(dir);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool PostmasterRuns(string pidFile)
    {
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(firstLine, out var pid))
            {
                return true; // being written: leave it alone
            }

            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task RunPgScriptAsync(string verb, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("bash", [RepoPaths.Combine("ops", "pg"), verb])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ops/pg {verb} failed ({process.ExitCode}): {await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
