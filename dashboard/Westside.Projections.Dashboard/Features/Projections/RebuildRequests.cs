using System.Globalization;
using System.Security.Claims;
using Npgsql;
using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Requests;

namespace Westside.Projections.Dashboard.Features.Projections;

// Files a rebuild request: its row in the STORE's request_status, which the leading projector relays as a
// Wolverine message to its queue (ReadModel/Requests/RequestRecords). The only write the dashboard makes,
// and never to the source. The request and its audit entry (who asked, by subject id) commit together
// or not at all.
public sealed class RebuildRequests(NpgsqlDataSource store)
{
    public async Task<long> FileAsync(string projection, ClaimsPrincipal requestedBy, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await RequestRecords.RecordUnsentAsync(conn, tx, RequestKinds.Rebuild, projection, requestedBy.SubjectId(), ct);
        await AuditLog.WriteAsync(conn, tx, requestedBy, AuditLog.RebuildRequested, new Dictionary<string, string>
        {
            ["projection"] = projection,
            ["requestId"] = id.ToString(CultureInfo.InvariantCulture),
        }, ct);
        await tx.CommitAsync(ct);
        return id;
    }
}
