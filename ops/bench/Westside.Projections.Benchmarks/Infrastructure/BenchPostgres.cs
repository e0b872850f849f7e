using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Benchmarks.Infrastructure;

// The PostgreSQL the benchmark runs on: BENCH_PGURL (a superuser URL), else a throwaway cluster started
// with ops/pg on a free port (under .local/, or outside the checkout when the postgres user cannot enter it) (test-speed durability switches: they change nothing for reads) and stopped
// when the benchmark ends.
public sealed class BenchPostgres : IAsyncDisposable
{
    public const string ReadOnlyRole = "westside_projections_ro";

    private readonly Dictionary<string, string>? _clusterEnv;

    private BenchPostgres(string adminConnectionString, string description, Dictionary<string, string>? clusterEnv)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
        _clusterEnv = clusterEnv;
    }

    public string AdminConnectionString { get; }

    public string Description { get; }

    public string ReadOnlyPassword { get; } = Environment.GetEnvironmentVariable("BENCH_RO_PASSWORD") is { Length: > 0 } p ? p : "westside-ro-bench";

    public bool SetsReadOnlyPassword => Environment.GetEnvironmentVariable("BENCH_RO_PASSWORD") is not { Length: > 0 };

    public static async Task<BenchPostgres> StartAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("BENCH_PGURL") is { Length: > 0 } url)
        {
            var cs = PgConnectionString.Parse(url, "BENCH_PGURL");
            return new BenchPostgres(cs, PgConnectionString.Describe(cs), null);
        }

        var port = FreePort();
        var dir = RepoRoot.Combine(".local", $"bench-pg-{port}");
        var env = new Dictionary<string, string> { ["PG_DIR"] = dir, ["PG_PORT"] = $"{port}", ["PG_EPHEMERAL"] = "1" };
        await RunPgAsync("start", env, ct);
        return new BenchPostgres(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true",
            $"throwaway PostgreSQL cluster on 127.0.0.1:{port} (ops/pg, PG_EPHEMERAL=1)", env);
    }

    public string ConnectionString(string database, bool readOnlyRole = false)
    {
        var b = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database };
        if (readOnlyRole)
        {
            b.Username = ReadOnlyRole;
            b.Password = ReadOnlyPassword;
        }

        return b.ConnectionString;
    }

    public async Task ExecAsync(string database, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(database));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterEnv is not null)
        {
            // destroy: stop, and remove the cluster wherever ops/pg put it (outside the checkout when the
            // postgres user cannot enter it, e.g. a checkout under /root).
            await RunPgAsync("destroy", _clusterEnv, CancellationToken.None);
        }
    }

    private static async Task RunPgAsync(string verb, Dictionary<string, string> env, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash", [RepoRoot.Combine("ops", "pg"), verb])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
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
