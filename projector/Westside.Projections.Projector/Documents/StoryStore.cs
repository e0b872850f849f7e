using Marten;

namespace Westside.Projections.Projector.Documents;

// A Marten store of the stories at some versions, and the one shard its daemon runs.
public sealed record StoryStore(DocumentStore Store, StoryShard Shard) : IDisposable
{
    public void Dispose() => Store.Dispose();
}
