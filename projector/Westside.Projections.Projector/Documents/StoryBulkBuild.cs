using Marten;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Documents;

// A new version of a story shard built outside the daemon (StoryBuild) up to the log head, then its
// progress row set to the position reached, so that a daemon carries the shard on from there.
public static class StoryBulkBuild
{
    public static async Task<long> RunAsync(
        IDocumentStore store, NpgsqlDataSource log, string shardName, IReadOnlyList<IStoryWriter> writers, CancellationToken ct)
    {
        await using var conn = await log.OpenConnectionAsync(ct);
        var head = await EventLogReader.HeadAsync(conn, null, ct);
        await StoryBuild.RunAsync(store, log, writers, head, null, ct);
        await StoryProgression.SetAsync(conn, null, shardName, head, ct);
        return head;
    }
}
