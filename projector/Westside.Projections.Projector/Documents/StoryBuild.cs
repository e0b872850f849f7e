using Marten;
using Npgsql;
using Weasel.Core;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// Builds stories' tables outside the daemon, for tables nobody reads yet (a new version of a story): the
// tables emptied, the log folded up to a position by our own reader (one streamed query), and every
// document rendered once and bulk-inserted by Marten (binary COPY) in chunks, reporting progress after
// each. The daemon's own rebuild reads the log through its loader and stores document by document, at
// less than half the rate (docs/engine-on-marten.md has both measured).
public static class StoryBuild
{
    public const int Chunk = 5000;

    // Returns the number of documents written.
    public static async Task<long> RunAsync(
        IDocumentStore store, NpgsqlDataSource log, IReadOnlyList<IStoryWriter> writers, long upTo, StoryBuildProgress? progress,
        CancellationToken ct)
    {
        foreach (var writer in writers)
        {
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(writer.DocumentType, ct);
        }

        var state = new ClubState();
        await using (var conn = await log.OpenConnectionAsync(ct))
        {
            await StateLoader.FoldAsync(conn, state, 0, upTo, progress is null ? null : done => progress.Replayed(done), ct);
        }

        var total = writers.Sum(w => (long)w.Story.AllDocumentIds(state).Distinct(StringComparer.Ordinal).Count());
        long written = 0;
        if (progress is not null)
        {
            await progress.Written(0, total);
        }

        foreach (var writer in writers)
        {
            foreach (var chunk in writer.RenderAll(state, upTo).Chunk(Chunk))
            {
                await store.BulkInsertDocumentsAsync(chunk, BulkInsertMode.InsertsOnly, Chunk, ct);
                written += chunk.Length;
                if (progress is not null)
                {
                    await progress.Written(written, total);
                }
            }
        }

        return written;
    }
}

// Replayed: sequence numbers of the log folded so far; Written: documents written of the total.
public sealed record StoryBuildProgress(Func<long, Task> Replayed, Func<long, long, Task> Written);
