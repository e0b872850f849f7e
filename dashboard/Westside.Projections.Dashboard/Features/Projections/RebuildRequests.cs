using System.Globalization;
using System.Security.Claims;
using Npgsql;
using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Projections;

// Files a rebuild request: a row in the STORE's rebuild_requests, the durable record the projector
// works from; the table's insert trigger (0003_runtime.sql) sends NOTIFY rebuild_requests to wake it.
// The only write the dashboard makes, and never to the source. The request and its audit entry
// (who asked, by subject id) commit together or not at all.
public sealed class RebuildRequests(NpgsqlDataSource store)
{
    public async Task<long> FileAsync(string projection, ClaimsPrincipal requestedBy, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The same insert as `projector rebuild` (ReadModel/Store), inside this transaction.
        var id = await ReadModel.Store.RebuildRequests.FileAsync(
            conn, ReadModel.Store.RebuildRequests.Rebuild, projection, requestedBy.SubjectId(), ct);

        await AuditLog.WriteAsync(conn, tx, requestedBy, AuditLog.RebuildRequested, new Dictionary<string, string>
        {
            ["projection"] = projection,
            ["requestId"] = id.ToString(CultureInfo.InvariantCulture),
        }, ct);
        await tx.CommitAsync(ct);
        return id;
    }
}
