using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Projections;

public sealed record ProjectionsApi(StoreStatus Status, IReadOnlyList<RebuildRequestStatus> RecentRequests, IReadOnlyList<AuditEntry> Audit);
