namespace Westside.Projections.ReadModel.Requests;

// The request kinds as request_status (and its old name, the view rebuild_requests) stores them.
public static class RequestKinds
{
    public const string Rebuild = "rebuild";
    public const string Resync = "resync";
    public const string AllProjections = "all";

    public static object Message(string kind, long id, string projection, string requestedBy) => kind switch
    {
        Rebuild => new RebuildProjection(id, projection, requestedBy),
        Resync => new ResyncFromSource(id, requestedBy),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a request kind"),
    };
}
