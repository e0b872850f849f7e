using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// The durable queue of rebuild and resync requests (rebuild_requests). Inserting a row NOTIFYs the
// leader (trigger of 0003_runtime.sql); the leader claims pending rows on wake-up and on every poll,
// and finishes each with an audit entry. Errors stored here are FailureText (no values).
public static class RebuildRequestQueue
{
    public static Task<long> EnqueueAsync(
        NpgsqlConnection conn, string kind, string projection, string requestedBy, CancellationToken ct) =>
        RebuildRequests.FileAsync(conn, kind, projection, requestedBy, ct);

    // Enqueues a rebuild unless one for the same projection is already waiting or running.
    public static async Task<bool> EnqueueOnceAsync(
        NpgsqlConnection conn, string projection, string requestedBy, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into rebuild_requests (kind, projection, requested_by)
            select 'rebuild', @projection, @by
            where not exists (select 1 from rebuild_requests
                              where kind = 'rebuild' and projection in (@projection, 'all') and status in ('pending','running'))
            """, conn);
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("by", requestedBy);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    // Marks every pending request of the kind running and returns them, oldest first.
    public static async Task<IReadOnlyList<RebuildRequest>> ClaimAsync(NpgsqlConnection conn, string kind, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update rebuild_requests set status = 'running', started_at = now()
            where status = 'pending' and kind = @kind
            returning id, kind, projection, requested_by
            """, conn);
        cmd.Parameters.AddWithValue("kind", kind);
        var claimed = new List<RebuildRequest>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            claimed.Add(new RebuildRequest(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }

        return claimed.OrderBy(c => c.Id).ToList();
    }

    public static async Task<bool> AnyPendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select exists (select 1 from rebuild_requests where status = 'pending')", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // One transaction: the request's outcome and its audit entry.
    public static async Task FinishAsync(
        NpgsqlConnection conn, RebuildRequest request, string? error, object detail, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            update rebuild_requests set status = @status, finished_at = now(), error = @error where id = @id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", request.Id);
            cmd.Parameters.AddWithValue("status", error is null ? "done" : "failed");
            cmd.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var cmd = new NpgsqlCommand(
            "insert into audit_log (actor, action, detail) values (@actor, @action, @detail)", conn, tx))
        {
            cmd.Parameters.AddWithValue("actor", request.RequestedBy);
            cmd.Parameters.AddWithValue("action", $"{request.Kind}.{(error is null ? "completed" : "failed")}");
            cmd.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Jsonb)
            {
                Value = JsonSerializer.Serialize(detail, StoreJson.Options),
            });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    // A new leader takes over the previous leader's unfinished requests.
    public static async Task<int> RequeueRunningAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update rebuild_requests set status = 'pending', started_at = null where status = 'running'", conn, tx);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
