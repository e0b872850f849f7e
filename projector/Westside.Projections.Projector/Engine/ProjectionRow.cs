namespace Westside.Projections.Projector.Engine;

// The runtime's view of a projections row. StoryVersion: the Marten table readers read (null while the
// story's documents are still the previous engine's).
public sealed record ProjectionRow(string Name, int LiveGeneration, long Checkpoint, string Status, int? BuildingGeneration, uint? StoryVersion);
