namespace Westside.Projections.ReadModel.Store;

// One row of request_status (Requests/RequestSender, and the leader's handler). Kind: "rebuild" (Projection is a name or "all") or "resync".
// Error is a short text without data values.
public sealed record RebuildRequestStatus(
    long Id,
    string Kind,
    string Projection,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public bool IsFinished => Status is "done" or "failed";
}
