using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// The leader's one store connection: the fence under Wolverine's election (Leadership). It holds a
// session-level advisory lock for its whole life and carries EVERY write to live data (events, live
// documents, checkpoints, the generation swap), so the right to write and the lock live and die
// together: if the connection drops, PostgreSQL releases the lock and this process can no longer write
// through it. An elected leader takes it before it writes, waiting while a replaced leader that has not
// yet noticed still holds it, so two leaders never write at once even when an election moves before
// the old leader has stopped (there is no zombie leader). The connection is not pooled (a pooled
// connection could return to the pool still holding the lock). Gate serialises its users: the poll
// loop and a rebuild's begin and swap steps.
public sealed class LeaderConnection : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private LeaderConnection(NpgsqlConnection connection) => Connection = connection;

    public NpgsqlConnection Connection { get; }

    public int BackendPid => Connection.ProcessID;

    // Null while another process holds the lock (a replaced leader that has not stopped yet).
    public static async Task<LeaderConnection?> TryAcquireAsync(NpgsqlDataSource dedicated, CancellationToken ct)
    {
        var conn = await dedicated.OpenConnectionAsync(ct);
        try
        {
            // Server-side keepalives: if this host vanishes without closing the socket, the server drops
            // the session (and the lock) within about 15 s instead of the OS default of hours.
            await using (var keepalive = new NpgsqlCommand(
                "set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3", conn))
            {
                await keepalive.ExecuteNonQueryAsync(ct);
            }

            await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(@key)", conn);
            cmd.Parameters.AddWithValue("key", ProjectorLocks.LeaderKey);
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            {
                return new LeaderConnection(conn);
            }
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }

        await conn.DisposeAsync();
        return null;
    }

    public async Task<IDisposable> LockAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new SemaphoreRelease(_gate);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the (unpooled) session releases the advisory lock.
        await Connection.DisposeAsync();
        _gate.Dispose();
    }
}
