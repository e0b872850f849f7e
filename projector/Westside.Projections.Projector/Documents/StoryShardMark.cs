namespace Westside.Projections.Projector.Documents;

// Stored while a shard defers its documents (StoryShard, far behind the log head), in the same
// transactions as the daemon's progress: a shard that finds it at start-up lost the documents it
// deferred, and renders every document from the state once.
public sealed class StoryShardMark
{
    public string Id { get; set; } = "";

    public long DeferringSince { get; set; }
}
