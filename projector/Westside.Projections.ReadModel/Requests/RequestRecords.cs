using Npgsql;

namespace Westside.Projections.ReadModel.Requests;

// Rows of request_status, the requests' status (never a queue the leader claims work from).
public static class RequestRecords
{
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
