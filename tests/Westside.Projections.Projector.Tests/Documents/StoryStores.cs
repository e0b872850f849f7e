using Marten;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Tests.Documents;

// Marten stores over a club's event log with the stories registered, their schema applied, and the
// daemon run once until its documents are current.
public static class StoryStores
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // Every story of the catalog; by default as the projector will run them: one shard, batches of 5,000.
    public static Task<DocumentStore> CreateAsync(
        NpgsqlDataSource log, bool shardPerStory = false, int batchSize = 5000, bool insertFirstBuild = false) =>
        CreateAsync(log, o => StoryDocuments.Register(o, ProjectionCatalog.All, log, shardPerStory, batchSize, insertFirstBuild: insertFirstBuild));

    public static async Task<DocumentStore> CreateAsync(NpgsqlDataSource log, Action<StoreOptions> stories)
    {
        var store = MartenEventStore.Create(log, stories);
        await MartenEventStore.ApplySchemaAsync(store);
        return store;
    }

    public static async Task CatchUpAsync(DocumentStore store)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(Patience);
        await daemon.StopAllAsync();
    }
}
