using System.Globalization;
using Npgsql;

namespace Westside.Projections.Benchmarks.Outbox;

// CPU time a PostgreSQL backend has spent running, from /proc/<pid>/schedstat (nanoseconds on the
// CPU, not waiting for one): the source's cost of a sampling even on a machine busy with other work,
// where wall times stretch. Only when the server runs on this machine; null otherwise.
public static class BackendCpu
{
    public static async Task<int> PidAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_backend_pid()", connection);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static TimeSpan? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/schedstat");
            var ns = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            return TimeSpan.FromTicks(ns / 100);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
