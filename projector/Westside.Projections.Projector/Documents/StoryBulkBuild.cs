using Marten;
using Npgsql;
using Weasel.Core;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Documents;

// A new version of a story shard built outside the daemon, for tables nobody reads yet: the log folded by
// our own reader (one streamed query), every document rendered once and bulk-inserted by Marten (binary
// COPY), then the version's progress row set to the position reached, so that the daemon carries the
// shard on from there. The daemon's own rebuild reads the log through its loader and stores document by
// document (docs/engine-on-marten.md has both measured).
public static class StoryBulkBuild
{
    public static async Task<long> RunAsync(
        IDocumentStore store, NpgsqlDataSource log, string shardName, IReadOnlyList<IStoryWriter> writers, CancellationToken ct)
    {
        var state = new ClubState();
        long head;
        await using (var conn = await log.OpenConnectionAsync(ct))
        {
            head = await EventLogReader.HeadAsync(conn, null, ct);
            await StateLoader.FoldAsync(conn, state, 0, head, null, ct);
        }

        foreach (var writer in writers)
        {
            await store.BulkInsertDocumentsAsync(writer.RenderAll(state, head), BulkInsertMode.InsertsOnly, 10_000, ct);
        }

        await using var progress = log.CreateCommand("""
            insert into mt_event_progression (name, last_seq_id, last_updated) values (@name, @seq, now())
            on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated
            """);
        progress.Parameters.AddWithValue("name", shardName + ":All");
        progress.Parameters.AddWithValue("seq", head);
        await progress.ExecuteNonQueryAsync(ct);
        return head;
    }
}
