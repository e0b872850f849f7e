namespace Westside.Projections.Projector.Engine;

// The runtime's view of a projections row.
public sealed record ProjectionRow(string Name, int LiveGeneration, long Checkpoint, string Status, int? BuildingGeneration);
