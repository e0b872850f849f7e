namespace Westside.Projections.Projector.Engine;

// What a rebuild did: the generation each projection now reads, the log position it is at, and the
// work done, and how long replaying the log and writing the documents took. Detail for the audit log
// (no data values).
public sealed record RebuildResult(
    IReadOnlyDictionary<string, int> Generations, long Checkpoint, long Events, long Documents, TimeSpan Duration,
    TimeSpan Replay, TimeSpan Write);
