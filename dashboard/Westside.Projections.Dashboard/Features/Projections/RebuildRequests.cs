using Npgsql;

namespace Westside.Projections.Dashboard.Features.Projections;

// Files a rebuild request: a row in the STORE's rebuild_requests, the durable record the projector
// works from; the table's insert trigger (0003_runtime.sql) sends NOTIFY rebuild_requests to wake it.
// The only write the dashboard makes, and never to the source.
public sealed class RebuildRequests(NpgsqlDataSource store)
{
    public async Task<long> FileAsync(string projection, string requestedBy, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            insert into rebuild_requests (projection, requested_by) values (@projection, @requested_by) returning id
            """);
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("requested_by", requestedBy);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
