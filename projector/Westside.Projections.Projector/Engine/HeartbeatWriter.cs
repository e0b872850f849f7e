using Npgsql;

namespace Westside.Projections.Projector.Engine;

// The heartbeat row: who leads, the last successful poll, the source snapshot it saw, and whether the
// source is reachable. last_error holds FailureText only (type names and SQLSTATE, never values).
public static class HeartbeatWriter
{
    public static async Task RecordLeaderAsync(
        NpgsqlConnection conn, string instance, TimeSpan pollInterval, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update heartbeat set leader = @leader, leader_since = now(), poll_interval_ms = @interval where id = 1", conn);
        cmd.Parameters.AddWithValue("leader", instance);
        cmd.Parameters.AddWithValue("interval", (int)pollInterval.TotalMilliseconds);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task RecordPollAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset sourceSnapshotAt, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update heartbeat set last_poll_at = now(), source_snapshot_at = @snapshot, source_ok = true where id = 1
            """, conn, tx);
        cmd.Parameters.AddWithValue("snapshot", sourceSnapshotAt.ToUniversalTime());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task RecordSourceFailureAsync(NpgsqlConnection conn, string error, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update heartbeat set source_ok = false, last_error = @error, last_error_at = now() where id = 1", conn);
        cmd.Parameters.AddWithValue("error", error);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
