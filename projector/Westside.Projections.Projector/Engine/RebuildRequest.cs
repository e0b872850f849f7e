using Westside.Projections.ReadModel.Requests;

namespace Westside.Projections.Projector.Engine;

// A request the leader serves: Kind "rebuild" (Projection = a name or "all") or "resync".
public sealed record RebuildRequest(long Id, string Kind, string Projection, string RequestedBy)
{
    public const string Rebuild = RequestKinds.Rebuild;
    public const string Resync = RequestKinds.Resync;
    public const string All = RequestKinds.AllProjections;

    // A build of every story up to the log head rather than to the daemon's position (a catch-up build).
    public bool ToHead { get; init; }
}
