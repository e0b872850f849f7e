using System.Globalization;
using System.Security.Claims;
using Npgsql;
using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Requests;

namespace Westside.Projections.Dashboard.Features.Projections;

// Files a rebuild request: a Wolverine message for the leading projector, with its status row in the
// STORE's request_status (ReadModel/Requests/RequestSender). The only write the dashboard makes, and
// never to the source. The message, its status and its audit entry (who asked, by subject id) commit
// together or not at all.
public sealed class RebuildRequests(NpgsqlDataSource store, RequestSender sender)
{
    public Task<long> FileAsync(string projection, ClaimsPrincipal requestedBy, CancellationToken ct) =>
        sender.FileAsync(store, RequestKinds.Rebuild, projection, requestedBy.SubjectId(), (conn, tx, id) =>
            AuditLog.WriteAsync(conn, tx, requestedBy, AuditLog.RebuildRequested, new Dictionary<string, string>
            {
                ["projection"] = projection,
                ["requestId"] = id.ToString(CultureInfo.InvariantCulture),
            }, ct), ct);
}
