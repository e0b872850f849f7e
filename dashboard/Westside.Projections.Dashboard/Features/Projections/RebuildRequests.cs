using System.Globalization;
using System.Security.Claims;
using Npgsql;
using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Requests;

namespace Westside.Projections.Dashboard.Features.Projections;

// Files a rebuild request: its status row in the STORE's request_status and its Wolverine message to the
// projectors' queue commit in one transaction (ReadModel/Requests/RequestSender), with the audit entry
// (who asked, by subject id): all or nothing. The only write the dashboard makes, and never to the source.
public sealed class RebuildRequests(NpgsqlDataSource store, RequestMessenger messenger)
{
    public async Task<long> FileAsync(string projection, ClaimsPrincipal requestedBy, CancellationToken ct)
    {
        var sender = await messenger.SenderAsync(ct);
        return await sender.FileAsync(store, RequestKinds.Rebuild, projection, requestedBy.SubjectId(), (conn, tx, id) =>
            AuditLog.WriteAsync(conn, tx, requestedBy, AuditLog.RebuildRequested, new Dictionary<string, string>
            {
                ["projection"] = projection,
                ["requestId"] = id.ToString(CultureInfo.InvariantCulture),
            }, ct), ct);
    }
}
