namespace Westside.Projections.ReadModel.Store;

// One row of the projections table: which generation readers see, how far it is (checkpoint vs the
// log head), and a running rebuild's progress.
public sealed record ProjectionStatus(
    string Name,
    int LiveGeneration,
    long Checkpoint,
    string Status,
    int? BuildingGeneration,
    RebuildProgress? Progress,
    DateTimeOffset? LastRebuildAt,
    string? LastRebuildBy,
    long? LastRebuildMs,
    DateTimeOffset UpdatedAt)
{
    public bool IsRebuilding => Status == "rebuilding";
}
