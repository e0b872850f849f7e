using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// Rebuilds projections from the event log into a new generation while readers keep reading the live
// one and the poll loop keeps it current:
//   1. (leader, under the gate) note the log head H; mark each target rebuilding with a new generation.
//   2. replay events 1..H into a FRESH ClubState (one replay for all targets), reporting progress;
//   3. render every document of each target into its new generation with binary COPY, in chunks;
//   4. catch up with events that arrived meanwhile, still beside the poll loop, while the gap is large;
//   5. (leader, under the gate, ONE transaction) apply the last events, swap live_generation, set the
//      checkpoint, clear the status; the poll loop then maintains the new generation;
//   6. delete the older generations.
//
// Why steps 2-4 may write on a separate connection although the leader's writes are fenced by its
// lock-holding connection: they only ever write the BUILDING generation, which no reader sees and the
// poll loop never touches, and each such write is fenced by the projections row instead (FOR SHARE on
// `building_generation = @g`, see ProjectionTable). If this process loses leadership mid-rebuild, the
// new leader's recovery clears building_generation (waiting for any in-flight chunk), deletes that
// generation, and every later chunk of ours fails the fence. Everything readers can see — the swap of
// the live pointer and the checkpoint — goes through the leader connection in step 5, so a zombie
// cannot publish anything.
public sealed class Rebuilder(NpgsqlDataSource store, LeaderConnection leader, LiveProjections live, EngineOptions options, ILogger logger)
{
    private const int DocumentChunk = 5000;

    // Two COPY streams keep the server's share of a rebuild (JSON parsing, index inserts) on both cores
    // while this process renders; measured 1.4x the documents/s of one stream on 2 cores.
    private const int CopyStreams = 2;
    private const long CatchUpUnderGate = 2000;

    public async Task<RebuildResult> RebuildAsync(
        IReadOnlyList<IProjection> targets, string requestedBy, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        long head;
        var generations = new Dictionary<string, int>(StringComparer.Ordinal);
        using (await leader.LockAsync(ct))
        {
            await using var tx = await leader.Connection.BeginTransactionAsync(ct);
            head = await EventLogReader.HeadAsync(leader.Connection, tx, ct);
            var initial = new ProgressMeter(startedAt, head, options.ProgressInterval).Replaying(0);
            foreach (var target in targets)
            {
                generations[target.Name] = await ProjectionTable.BeginRebuildAsync(leader.Connection, tx, target.Name, initial, ct);
            }

            await tx.CommitAsync(ct);
        }

        Log.RebuildStarted(logger, targets.Count, head);
        try
        {
            var (checkpoint, documents, replay, write) = await BuildAsync(targets, generations, head, startedAt, requestedBy, clock, ct);
            var result = new RebuildResult(generations, checkpoint, checkpoint, documents, clock.Elapsed, replay, write);
            foreach (var (name, generation) in generations)
            {
                Log.RebuildCompleted(logger, name, generation, checkpoint, (long)clock.Elapsed.TotalMilliseconds);
            }

            return result;
        }
        catch (Exception e)
        {
            Log.RebuildFailed(logger, FailureText.Describe(e));
            await AbandonAsync(generations);
            throw;
        }
    }

    private async Task<(long Checkpoint, long Documents, TimeSpan Replay, TimeSpan Write)> BuildAsync(
        IReadOnlyList<IProjection> targets, Dictionary<string, int> generations, long head, DateTimeOffset startedAt,
        string requestedBy, Stopwatch clock, CancellationToken ct)
    {
        await using var side = await store.OpenConnectionAsync(ct);
        var meter = new ProgressMeter(startedAt, head, options.ProgressInterval);
        var state = new ClubState();

        var position = await StateLoader.FoldAsync(side, state, 0, head, async done =>
        {
            if (meter.Due)
            {
                await ProjectionTable.ReportProgressAsync(side, generations, meter.Replaying(done), ct);
            }
        }, ct);
        await ProjectionTable.ReportProgressAsync(side, generations, meter.Replaying(position), ct);

        var replay = clock.Elapsed;
        var written = await WriteGenerationsAsync(side, state, targets, generations, position, meter, ct);
        var write = clock.Elapsed - replay;

        // Catch up beside the poll loop while the gap is large, so the gated step stays short.
        for (var round = 0; round < 10; round++)
        {
            var now = await EventLogReader.HeadAsync(side, null, ct);
            if (now - position <= CatchUpUnderGate)
            {
                break;
            }

            await ProjectionTable.ReportProgressAsync(side, generations, meter.CatchingUp(position, now), ct);
            await using var tx = await side.BeginTransactionAsync(ct);
            position = await CatchUpAsync(side, tx, state, targets, generations, position, now, ct);
            await tx.CommitAsync(ct);
        }

        using (await leader.LockAsync(ct))
        {
            var conn = leader.Connection;
            await using var tx = await conn.BeginTransactionAsync(ct);
            var final = await EventLogReader.HeadAsync(conn, tx, ct);
            position = await CatchUpAsync(conn, tx, state, targets, generations, position, final, ct);
            foreach (var target in targets)
            {
                await ProjectionTable.CompleteRebuildAsync(
                    conn, tx, target.Name, generations[target.Name], position, requestedBy, (long)clock.Elapsed.TotalMilliseconds, ct);
            }

            try
            {
                await tx.CommitAsync(CancellationToken.None);
            }
            catch
            {
                // The swap may or may not have committed: the in-memory model cannot tell which
                // generation the poll loop must write, so the leader session reloads.
                live.Poison();
                throw;
            }

            foreach (var target in targets)
            {
                live.Maintain(target.Name, generations[target.Name]);
            }
        }

        foreach (var (name, generation) in generations)
        {
            await ProjectionTable.DeleteOlderGenerationsAsync(side, name, generation, ct);
        }

        return (position, written, replay, write);
    }

    // Every document of each target into its new generation, in fenced COPY chunks. Rendering (this
    // process's CPU) runs a chunk ahead of the COPY streams (the server's CPU), so that on a small
    // machine both cores work. The state is read-only here.
    private async Task<long> WriteGenerationsAsync(
        NpgsqlConnection side, ClubState state, IReadOnlyList<IProjection> targets, Dictionary<string, int> generations,
        long position, ProgressMeter meter, CancellationToken ct)
    {
        var ids = targets.ToDictionary(t => t, t => t.AllDocumentIds(state).Distinct(StringComparer.Ordinal).ToList());
        long total = ids.Values.Sum(l => l.Count), written = 0;
        await ProjectionTable.ReportProgressAsync(side, generations, meter.Writing(0, total), ct);

        var chunks = Channel.CreateBounded<(IProjection Target, List<DocumentRow> Rows, int Ids)>(2);
        using var stopRendering = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var render = Task.Run(() => RenderAsync(state, ids, chunks.Writer, stopRendering.Token), CancellationToken.None);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, CopyStreams).Select(stream => Task.Run(async () =>
            {
                try
                {
                    await CopyStreamAsync(stream);
                }
                catch
                {
                    // One failed stream stops the renderer, and so the others.
                    await stopRendering.CancelAsync();
                    throw;
                }
            }, ct)));
        }
        finally
        {
            // If writing failed, the renderer must not wait forever for room in the channel.
            await stopRendering.CancelAsync();
            await render;
        }

        return written;

        async Task CopyStreamAsync(int stream)
        {
            await using var own = stream == 0 ? null : await store.OpenConnectionAsync(ct);
            var conn = own ?? side;
            await foreach (var (target, rows, count) in chunks.Reader.ReadAllAsync(ct))
            {
                await using (var tx = await conn.BeginTransactionAsync(ct))
                {
                    var fence = new Dictionary<string, int> { [target.Name] = generations[target.Name] };
                    await ProjectionTable.FenceAsync(conn, tx, fence, ct);
                    await DocumentWriter.CopyAsync(conn, target.Name, generations[target.Name], rows, position, ct);
                    await tx.CommitAsync(ct);
                }

                var done = Interlocked.Add(ref written, count);
                if (stream == 0 && meter.Due)
                {
                    await ProjectionTable.ReportProgressAsync(side, generations, meter.Writing(done, total), ct);
                }
            }
        }
    }

    private static async Task RenderAsync(
        ClubState state, Dictionary<IProjection, List<string>> ids,
        ChannelWriter<(IProjection, List<DocumentRow>, int)> chunks, CancellationToken ct)
    {
        try
        {
            foreach (var (target, targetIds) in ids)
            {
                foreach (var chunk in targetIds.Chunk(DocumentChunk))
                {
                    var rows = chunk.Select(id => ProjectionBatch.RenderOne(state, target, id)).OfType<DocumentRow>().ToList();
                    await chunks.WriteAsync((target, rows, chunk.Length), ct);
                }
            }

            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
        }
    }

    private static async Task<long> CatchUpAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, ClubState state, IReadOnlyList<IProjection> targets,
        Dictionary<string, int> generations, long after, long upTo, CancellationToken ct)
    {
        if (upTo <= after)
        {
            return after;
        }

        var events = await StateLoader.ReadAsync(conn, after, upTo, ct);
        var dirty = ProjectionBatch.Apply(state, targets, events);
        await ProjectionTable.FenceAsync(conn, tx, generations, ct);
        foreach (var target in targets)
        {
            var rendered = ProjectionBatch.Render(state, target, dirty[target]);
            await DocumentWriter.WriteAsync(conn, tx, rendered, generations[target.Name], upTo, ct);
        }

        return upTo;
    }

    // Best effort: a failed rebuild leaves the live generation as it was and removes its own.
    private async Task AbandonAsync(Dictionary<string, int> generations)
    {
        try
        {
            await using var conn = await store.OpenConnectionAsync(CancellationToken.None);
            foreach (var (name, generation) in generations)
            {
                await ProjectionTable.AbandonRebuildAsync(conn, name, generation, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The next leader's recovery removes what is left.
            Log.RebuildCleanupFailed(logger, FailureText.Describe(e));
        }
    }
}
