using JasperFx.Events;
using Marten;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Documents;

// How fresh the stories' documents are, as Marten's daemon reports it (issue 13 item 5): per registered
// shard, its position, the daemon's high-water mark, and the store's timestamp of the oldest event it
// has not processed yet (Marten 9.59+), null when it is caught up. The dashboard, which has no Marten,
// reads the same from SQL (ReadModel ShardProgressReader); a test holds the two equal.
public static class StoryFreshness
{
    public static async Task<IReadOnlyList<ShardFreshness>> ReadAsync(DocumentStore store, CancellationToken ct)
    {
        var database = (IEventDatabase)store.Storage.Database;
        var lags = await ((IEventStore<IDocumentOperations, IQuerySession>)store).FetchProjectionLagAsync(database, ct);
        var oldest = await database.FetchFirstEventTimestampsAfterAsync(lags.Select(l => (TenantId: (string?)null, l.Sequence)).ToList(), ct);
        return lags.Select((l, i) => new ShardFreshness(l.Shard.Identity, l.Sequence, l.HighWaterMark, oldest[i].Timestamp))
            .OrderBy(f => f.Shard, StringComparer.Ordinal)
            .ToList();
    }
}
