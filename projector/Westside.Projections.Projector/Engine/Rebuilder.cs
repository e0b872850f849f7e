using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// Rebuilds stories as new versions of their Marten tables while readers keep reading the live ones:
//   1. (leader, under the gate) mark each target rebuilding with a new generation; its table version is
//      the generation + 1 (mt_doc_story_<name>_<version>), so every rebuild writes a table no one reads;
//   2. a second Marten store with the new versions creates those tables (StoryRuntime.PrepareAsync);
//   3. the daemon stops, so the position P its documents are current to holds still (readers keep
//      reading the live tables, current to P, while the poll loop keeps appending events);
//   4. the log up to P is folded into a fresh state, every document of each target rendered once and
//      bulk-inserted (StoryBuild), with progress in the projections row;
//   5. (leader, under the gate, ONE transaction) each target's generation, checkpoint P and story
//      version, and live_documents replaced to read the new tables;
//   6. the new store's daemon carries the shard on from P, from the state step 4 folded, and the replaced
//      tables are dropped.
// Everything readers see (the versions and the view) changes in step 5 on the leader connection, so a
// process that lost the lock cannot publish; its unpublished tables are dropped by the next leader.
//
// toHead (a catch-up build, which targets every story): step 4 folds to the log head instead of P, and
// step 5 moves the shard's position to the head, so the daemon carries on from there instead of working
// through the gap event by event.
public sealed class Rebuilder(NpgsqlDataSource store, LeaderConnection leader, StoryRuntime stories, EngineOptions options, ILogger logger)
{
    public async Task<RebuildResult> RebuildAsync(
        IReadOnlyList<IProjection> targets, string requestedBy, CancellationToken ct, bool toHead = false)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var generations = new Dictionary<string, int>(StringComparer.Ordinal);
        using (await leader.LockAsync(ct))
        {
            await using var tx = await leader.Connection.BeginTransactionAsync(ct);
            var initial = new ProgressMeter(startedAt, 0, options.ProgressInterval).Replaying(0);
            foreach (var target in targets)
            {
                generations[target.Name] = await ProjectionTable.BeginRebuildAsync(leader.Connection, tx, target.Name, initial, ct);
            }

            await tx.CommitAsync(ct);
        }

        await stories.ReadyAsync(ct);
        var versions = new Dictionary<string, uint>(stories.Versions, StringComparer.Ordinal);
        foreach (var (name, generation) in generations)
        {
            versions[name] = StoryVersionOf(generation);
        }

        StoryStore? built = null;
        var paused = false;
        try
        {
            if (toHead && stories.Versions.Keys.Any(name => !generations.ContainsKey(name)))
            {
                throw new InvalidOperationException("A build to the log head must rebuild every story the daemon runs.");
            }

            built = await stories.PrepareAsync(versions, ct);
            var position = await stories.PauseAsync(ct);
            paused = true;
            if (toHead)
            {
                position = Math.Max(position, await HeadAsync(ct));
            }

            Log.RebuildStarted(logger, targets.Count, position);
            var state = new ClubState();
            var (documents, replay, write) = await BuildAsync(built.Store, state, versions, generations, position, startedAt, clock, ct);
            await SwitchAsync(versions, generations, position, requestedBy, toHead, clock, ct);
            paused = false;

            // The runtime owns the new store from here. Past the switch the rebuild stands, whatever happens
            // next: readers read its tables, and its request is completed and audited. A daemon that did not
            // start (the session stopping, the store gone) leaves documents no process writes: the session
            // ends, and the next one starts from the store.
            var switched = built;
            built = null;
            try
            {
                await stories.ResumeAsync(switched, versions, state, ct);
            }
            catch (Exception e)
            {
                stories.Poison();
                if (e is not OperationCanceledException)
                {
                    Log.ResumeAfterSwitchFailed(logger, FailureText.Describe(e));
                }
            }

            foreach (var (name, generation) in generations)
            {
                Log.RebuildCompleted(logger, name, generation, position, (long)clock.Elapsed.TotalMilliseconds);
            }

            return new RebuildResult(generations, position, position, documents, clock.Elapsed, replay, write);
        }
        catch (Exception e)
        {
            Log.RebuildFailed(logger, FailureText.Describe(e));
            built?.Dispose();
            await AbandonAsync(generations);
            if (paused && !stories.IsPoisoned)
            {
                await stories.ResumeAsync(null, null, null, CancellationToken.None);
            }

            throw;
        }
    }

    // A generation's story table version: generation 0 (a story never rebuilt) reads mt_doc_story_<name>.
    public static uint StoryVersionOf(int generation) => (uint)generation + 1;

    private async Task<(long Documents, TimeSpan Replay, TimeSpan Write)> BuildAsync(
        DocumentStore built, ClubState state, IReadOnlyDictionary<string, uint> versions, Dictionary<string, int> generations, long position,
        DateTimeOffset startedAt, Stopwatch clock, CancellationToken ct)
    {
        await using var side = await store.OpenConnectionAsync(ct);
        var meter = new ProgressMeter(startedAt, position, options.ProgressInterval);
        var replay = TimeSpan.Zero;
        var writers = stories.Writers(versions).Where(w => generations.ContainsKey(w.Story.Name)).ToList();
        var progress = new StoryBuildProgress(
            async done =>
            {
                if (meter.Due)
                {
                    await ProjectionTable.ReportProgressAsync(side, generations, meter.Replaying(done), ct);
                }
            },
            async (done, total) =>
            {
                if (done == 0)
                {
                    replay = clock.Elapsed;
                }

                if (done == 0 || meter.Due)
                {
                    await ProjectionTable.ReportProgressAsync(side, generations, meter.Writing(done, total), ct);
                }
            });
        var documents = await StoryBuild.RunAsync(built, store, writers, state, position, progress, ct);
        return (documents, replay, clock.Elapsed - replay);
    }

    // The head as the leader sees it between two polls.
    private async Task<long> HeadAsync(CancellationToken ct)
    {
        using (await leader.LockAsync(ct))
        {
            return await EventLogReader.HeadAsync(leader.Connection, null, ct);
        }
    }

    private async Task SwitchAsync(
        IReadOnlyDictionary<string, uint> versions, Dictionary<string, int> generations, long position, string requestedBy,
        bool toHead, Stopwatch clock, CancellationToken ct)
    {
        using (await leader.LockAsync(ct))
        {
            var conn = leader.Connection;
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (var (name, generation) in generations)
            {
                await ProjectionTable.CompleteRebuildAsync(
                    conn, tx, name, generation, position, requestedBy, (long)clock.Elapsed.TotalMilliseconds, ct);
                await ProjectionTable.SetStoryVersionAsync(conn, tx, name, versions[name], ct);
            }

            // A first start has no shard position yet, and a build to the head moves it on: the daemon starts
            // from the position the tables were built to. Every document is then written: nothing is deferred.
            if (toHead || await StoryProgression.ReadAsync(conn, tx, StoryDocuments.AllStories, ct) is null)
            {
                await StoryProgression.SetAsync(conn, tx, StoryDocuments.AllStories, position, ct);
            }

            if (toHead)
            {
                await StoryProgression.ForgetDeferredAsync(conn, tx, StoryDocuments.AllStories, ct);
            }

            var legacy = await StoryView.ReplaceAsync(conn, tx, versions, stories.StoryNames, ct);
            if (legacy == LegacyDocuments.Read)
            {
                // The previous engine's documents of the stories now on Marten: nobody reads them any more.
                await using var delete = new NpgsqlCommand($"delete from {StoryView.LegacyTable} where projection = any(@names)", conn, tx);
                delete.Parameters.AddWithValue("names", generations.Keys.ToArray());
                await delete.ExecuteNonQueryAsync(ct);
            }

            try
            {
                await tx.CommitAsync(CancellationToken.None);
            }
            catch
            {
                // The switch may or may not have committed: which tables the daemon must write is unknown,
                // so the leader session ends and the next one reads the versions from the store.
                stories.Poison();
                throw;
            }

            if (legacy == LegacyDocuments.Dropped)
            {
                Documents.Log.LegacyDocumentsDropped(logger);
            }
        }
    }

    // Best effort: a failed rebuild leaves the live versions as they were; its tables are dropped by the
    // next leader's start (StoryRuntime) and emptied by the next build of the same version.
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
            Log.RebuildCleanupFailed(logger, FailureText.Describe(e));
        }
    }
}
