using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// The leader's writes to request_status (0008): the status /projections and the CLI show. The work
// itself comes as Wolverine messages; nothing here is claimed or polled. Errors are FailureText (no values).
public static class RequestStatusTable
{
    // False when the request is finished already (its message came twice): nothing to do.
    public static async Task<bool> MarkRunningAsync(NpgsqlConnection conn, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update request_status set status = 'running', started_at = now(), error = null
            where id = @id and status in ('pending', 'running')
            """, conn);
        cmd.Parameters.AddWithValue("id", id);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    // A failed attempt that Wolverine will retry: pending again, with the last error.
    public static async Task MarkRetryingAsync(NpgsqlConnection conn, long id, string error, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update request_status set status = 'pending', error = @error where id = @id", conn);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("error", error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // A rebuild the leader starts on its own (a story not on Marten yet, a catch-up build): recorded as running.
    // Whether any request is still pending or running (a CLI that serves the queue itself stops when none is).
    public static async Task<bool> AnyOpenAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select exists (select 1 from request_status where status in ('pending', 'running'))", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> InsertOwnRebuildAsync(NpgsqlConnection conn, string projection, string requestedBy, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into request_status (kind, projection, requested_by, status, started_at)
            values ('rebuild', @projection, @by, 'running', now()) returning id
            """, conn);
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("by", requestedBy);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // A new leader: requests the previous leader was running are pending again (Wolverine redelivers
    // their messages); its own builds (start-up and catch-up: no message) are failed as interrupted (this
    // leader starts new ones as it needs them).
    public static async Task<int> RecoverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] ownRequesters, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update request_status
            set status = case when requested_by = any(@own) then 'failed' else 'pending' end,
                finished_at = case when requested_by = any(@own) then now() end,
                error = case when requested_by = any(@own) then 'interrupted' end,
                started_at = case when requested_by = any(@own) then started_at end
            where status = 'running'
            """, conn, tx);
        cmd.Parameters.AddWithValue("own", ownRequesters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    // One transaction: the request's outcome and its audit entry.
    public static async Task FinishAsync(
        NpgsqlConnection conn, RebuildRequest request, string? error, object detail, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            update request_status set status = @status, finished_at = now(), error = @error where id = @id
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
}
