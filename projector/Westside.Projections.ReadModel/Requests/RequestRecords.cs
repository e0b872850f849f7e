using Npgsql;

namespace Westside.Projections.ReadModel.Requests;

// Rows of request_status, the requests' status (never a queue the leader claims work from).
public static class RequestRecords
{
    // For the dashboard, which runs no Wolverine of its own (Wolverine cannot start without touching its
    // tables, and the dashboard must start with the store down and never change the store's schema): the
    // request is recorded, in the caller's transaction, as not yet sent, and the leading projector relays
    // it as a Wolverine message within a quarter of a second (Requests/WolverineRequestInbox).
    public static Task<long> RecordUnsentAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string kind, string projection, string requestedBy, CancellationToken ct) =>
        InsertAsync(conn, tx, kind, projection, requestedBy, messageSent: false, ct);

    internal static async Task<long> InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string kind, string projection, string requestedBy, bool messageSent,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into request_status (kind, projection, requested_by, message_sent)
            values (@kind, @projection, @by, @sent) returning id
            """, conn, tx);
        cmd.Parameters.AddWithValue("kind", kind);
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("by", requestedBy);
        cmd.Parameters.AddWithValue("sent", messageSent);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
