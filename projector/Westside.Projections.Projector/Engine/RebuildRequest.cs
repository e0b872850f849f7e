using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// A claimed request: Kind "rebuild" (Projection = a name or "all") or "resync".
public sealed record RebuildRequest(long Id, string Kind, string Projection, string RequestedBy)
{
    public const string Rebuild = RebuildRequests.Rebuild;
    public const string Resync = RebuildRequests.Resync;
    public const string All = RebuildRequests.AllProjections;
}
