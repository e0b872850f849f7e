namespace Westside.Projections.Projector.Engine;

// A claimed request: Kind "rebuild" (Projection = a name or "all") or "resync".
public sealed record RebuildRequest(long Id, string Kind, string Projection, string RequestedBy)
{
    public const string Rebuild = "rebuild";
    public const string Resync = "resync";
    public const string All = "all";
}
