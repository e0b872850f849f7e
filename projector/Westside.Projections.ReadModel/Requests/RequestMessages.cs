namespace Westside.Projections.ReadModel.Requests;

// The commands the leading projector takes from the durable queue. RequestId is the request's row in
// request_status (its status for /projections); RequestedBy is an id ("<subject id>", "cli:<user>",
// "projector:startup"), never a name or an email.
public sealed record RebuildProjection(long RequestId, string Projection, string RequestedBy);

public sealed record ResyncFromSource(long RequestId, string RequestedBy);
