using System.Threading.Channels;
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
    private const int CopyStreams = 2;

    // Folds the log into state (empty), and returns the number of documents written.
    public static async Task<long> RunAsync(
        IDocumentStore store, NpgsqlDataSource log, IReadOnlyList<IStoryWriter> writers, ClubState state, long upTo,
        StoryBuildProgress? progress, CancellationToken ct)
    {
        foreach (var writer in writers)
        {
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(writer.DocumentType, ct);
        }

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

        // Rendering (this process's CPU) runs a chunk ahead of two COPY streams (the server's CPU), so that on
        // a small machine both cores work.
        var chunks = Channel.CreateBounded<object[]>(2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var render = Task.Run(() => RenderAsync(state, writers, upTo, chunks.Writer, stop.Token), CancellationToken.None);
        var reporting = new SemaphoreSlim(1, 1);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, CopyStreams).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
                    {
                        await store.BulkInsertDocumentsAsync(chunk, BulkInsertMode.InsertsOnly, chunk.Length, stop.Token);
                        var done = Interlocked.Add(ref written, chunk.Length);
                        if (progress is not null)
                        {
                            await reporting.WaitAsync(stop.Token);
                            try
                            {
                                await progress.Written(done, total);
                            }
                            finally
                            {
                                reporting.Release();
                            }
                        }
                    }
                }
                catch
                {
                    // One failed stream stops the renderer, and so the other.
                    await stop.CancelAsync();
                    throw;
                }
            }, CancellationToken.None)));
        }
        finally
        {
            // If writing failed, the renderer must not wait forever for room in the channel.
            await stop.CancelAsync();
            await render;
            reporting.Dispose();
        }

        return written;
    }

    private static async Task RenderAsync(
        ClubState state, IReadOnlyList<IStoryWriter> writers, long position, ChannelWriter<object[]> chunks, CancellationToken ct)
    {
        try
        {
            foreach (var writer in writers)
            {
                foreach (var chunk in writer.RenderAll(state, position).Chunk(Chunk))
                {
                    await chunks.WriteAsync(chunk, ct);
                }
            }

            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
        }
    }
}

// Replayed: sequence numbers of the log folded so far; Written: documents written of the total.
public sealed record StoryBuildProgress(Func<long, Task> Replayed, Func<long, long, Task> Written);
