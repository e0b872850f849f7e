namespace Westside.Projections.Projector.Requests;

// A message reached this process after its session stopped leading; Wolverine puts it back for the next leader.
public sealed class NotLeadingException() : Exception("This projector is not leading; the request waits for the leader.");
