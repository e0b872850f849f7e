namespace Westside.Projections.Projector.Engine;

// The rebuild's generation was cleared under it (a new leader recovered, or it was abandoned):
// it must stop writing.
public sealed class RebuildSupersededException(string message) : Exception(message);
