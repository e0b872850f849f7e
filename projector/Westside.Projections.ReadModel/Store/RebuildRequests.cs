using Npgsql;

namespace Westside.Projections.ReadModel.Store;

// Filing a request for the leader (the dashboard's "Rebuild" button, `projector rebuild|resync`).
// The row is the durable record; its insert NOTIFYs the leader (trigger of 0003_runtime.sql), and the
// leader also reads pending rows on every poll. Follow it with DocumentReader.RequestAsync.
public static class RebuildRequests
{
    public const string Rebuild = "rebuild";
    public const string Resync = "resync";
    public const string AllProjections = "all";

    // projection: a projection name or "all" (resyncs use "all"). requestedBy: who asked, as an id
    // ("dashboard:<subject id>", "cli:<user>"), never a name or an email; it is copied to the audit log.
    public static async Task<long> FileAsync(
        NpgsqlConnection conn, string kind, string projection, string requestedBy, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into rebuild_requests (kind, projection, requested_by) values (@kind, @projection, @by) returning id
            """, conn);
        cmd.Parameters.AddWithValue("kind", kind);
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("by", requestedBy);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> FileAsync(
        NpgsqlDataSource store, string kind, string projection, string requestedBy, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        return await FileAsync(conn, kind, projection, requestedBy, ct);
    }
}
