using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Requests;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Projections;

public sealed record ProjectionsView(
    long LogHead,
    FreshnessView Freshness,
    HeartbeatStatus Heartbeat,
    IReadOnlyList<ProjectionCardView> Cards,
    IReadOnlyList<RebuildRequestStatus> RecentRequests,
    IReadOnlyList<DeadLetter> DeadLetters,
    AuditTrailView Audit,
    StaffNames Names);

// One projection's card: generation, checkpoint against the log head, last rebuild, the Rebuild button,
// and, while a rebuild is asked for or running, a progress bar that polls itself.
public sealed record ProjectionCardView(
    ProjectionStatus Projection,
    long LogHead,
    RebuildRequestStatus? LastRequest,
    string AntiforgeryToken,
    StaffNames Names)
{
    public long Behind => Math.Max(0, LogHead - Projection.Checkpoint);

    public bool RequestOpen => LastRequest is { Status: "pending" or "running" };

    public bool Active => Projection.IsRebuilding || RequestOpen;

    public string Slug => Projection.Name.Replace('_', '-');
}
