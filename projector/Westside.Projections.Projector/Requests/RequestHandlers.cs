using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Requests;
using Wolverine;

namespace Westside.Projections.Projector.Requests;

// Wolverine's handlers for the request messages: the leading session serves them (one at a time).
public static class RebuildProjectionHandler
{
    public static Task Handle(RebuildProjection message, Envelope envelope, CurrentLeader leader, CancellationToken ct) =>
        leader.Session.ServeAsync(
            new RebuildRequest(message.RequestId, RebuildRequest.Rebuild, message.Projection, message.RequestedBy),
            envelope.Attempts, RequestPolicy.MaxAttempts, ct);
}

public static class ResyncFromSourceHandler
{
    public static Task Handle(ResyncFromSource message, Envelope envelope, CurrentLeader leader, CancellationToken ct) =>
        leader.Session.ServeAsync(
            new RebuildRequest(message.RequestId, RebuildRequest.Resync, RebuildRequest.All, message.RequestedBy),
            envelope.Attempts, RequestPolicy.MaxAttempts, ct);
}
