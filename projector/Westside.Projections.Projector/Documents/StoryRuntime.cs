using System.Diagnostics;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Documents;

// The leader's Marten side of the stories: a Marten store with every story on Marten registered in one
// shard (StoryDocuments.RegisterLive), each at its live version, and Marten's async daemon running that
// shard in this process while the session leads: Marten's HotCold coordinator, started by the session,
// runs it while it holds the shard's advisory lock, so two processes never run it at once (a leader that
// lost the leader lock stops its coordinator when its session ends; its successor's waits for the lock).
//
// A new version of some stories (a rebuild, or a story not yet on Marten) is built beside it:
//   1. PrepareAsync: a second store with the new versions; its schema creates the new tables.
//   2. PauseAsync: the daemon stops, so its position P holds still; readers keep reading the live tables.
//   3. StoryBuild fills the new tables up to P (Rebuilder), and the switch commits the view and the
//      versions in one transaction on the leader connection.
//   4. ResumeAsync: the new store's daemon carries the shard on from P; the old store goes and the
//      replaced tables are dropped. After a failed build, ResumeAsync(null) restarts the old daemon.
public sealed class StoryRuntime(NpgsqlDataSource log, IReadOnlyList<IProjection> catalog, int batchSize, ILogger logger)
    : IAsyncDisposable
{
    public const int DefaultBatchSize = 5000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Start, pause, resume and dispose one at a time: a rebuild still finishing while the session ends
    // must not start a daemon after the session stopped it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;
    private StoryStore? _store;
    private ProjectionCoordinator? _coordinator;
    private Task? _announce;
    private Task<StandbyFold?>? _standby;

    // The stories on Marten and their live versions.
    public IReadOnlyDictionary<string, uint> Versions { get; private set; } = new Dictionary<string, uint>();

    // Every story of this release, on Marten or not yet.
    public IEnumerable<string> StoryNames => catalog.Select(s => s.Name);

    // Set when a switch's commit failed with its fate unknown: the session must end and the next one
    // read the versions from the store.
    public bool IsPoisoned { get; private set; }

    public void Poison() => IsPoisoned = true;

    // The live versions from the projections table, their tables (Marten's schema) and live_documents
    // over them (the same view again, unless a release changed the stories), and the daemon started. It
    // runs beside the session's polls (a new leader captures at once; its documents follow): what it
    // reads and writes on the leader connection, it does under the leader's gate.
    public async Task StartAsync(LeaderConnection leader, CancellationToken ct)
    {
        try
        {
            using (await leader.LockAsync(ct))
            {
                Versions = await ProjectionTable.StoryVersionsAsync(leader.Connection, null, catalog.Select(s => s.Name), ct);
                await StoryTables.DropReplacedAsync(leader.Connection, catalog, Versions, ct);
            }

            var store = await PrepareAsync(Versions, ct);
            using (await leader.LockAsync(ct))
            {
                if (await StoryView.ReplaceAsync(leader.Connection, null, Versions, StoryNames, ct) == LegacyDocuments.Dropped)
                {
                    Log.LegacyDocumentsDropped(logger);
                }
            }

            await _gate.WaitAsync(ct);
            try
            {
                await StartDaemonAsync(store, Versions, null, ct);
            }
            finally
            {
                _gate.Release();
            }

            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    // What this process folded while it waited to lead: the daemon's first start folds on from it.
    public void UseStandbyFold(Task<StandbyFold?> fold) => _standby = fold;

    // Until StartAsync has finished (rebuilds, waits for the documents).
    public Task ReadyAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    // Once, after the session's first poll: logs when the documents hold everything it captured.
    public void AnnounceWhenCurrent()
    {
        _announce ??= AnnounceCurrentAsync(_started, _stop.Token);
    }

    public async Task<StoryStore> PrepareAsync(IReadOnlyDictionary<string, uint> versions, CancellationToken ct)
    {
        var writers = Writers(versions);
        StoryShard? shard = null;
        var store = MartenEventStore.Create(log, o => shard = StoryDocuments.RegisterLive(o, writers, log, batchSize));
        try
        {
            await MartenEventStore.ApplySchemaAsync(store);
            return new StoryStore(store, shard!);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public IReadOnlyList<IStoryWriter> Writers(IReadOnlyDictionary<string, uint> versions) =>
        StoryWriter.For(catalog, s => versions.TryGetValue(s.Name, out var v) ? v : null);

    // Stops the daemon and returns the shard's position: what the documents of every story on Marten are
    // current to (the log head at this moment when no story is on Marten yet).
    public async Task<long> PauseAsync(CancellationToken ct)
    {
        await ReadyAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            if (_coordinator is not null)
            {
                Log.DaemonStopping(logger, "a build");
                await _coordinator.DisposeAsync();
                _coordinator = null;
            }
        }
        finally
        {
            _gate.Release();
        }

        await using var conn = await log.OpenConnectionAsync(ct);
        return await StoryProgression.ReadAsync(conn, null, StoryDocuments.AllStories, ct)
            ?? await EventLogReader.HeadAsync(conn, null, ct);
    }

    // After a switch: the new store's daemon takes over from the state the build folded, and the tables it
    // replaced are dropped. With null (a build that failed or was abandoned): the live store's daemon
    // starts again, its shard's state as it left it.
    public async Task ResumeAsync(
        StoryStore? switched, IReadOnlyDictionary<string, uint>? versions, ClubState? folded, CancellationToken ct)
    {
        var replaced = Versions;
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_disposed)
            {
                switched?.Dispose();
                return;
            }

            if (switched is null || versions is null)
            {
                if (_store is not null && _coordinator is null)
                {
                    await StartDaemonAsync(_store, Versions, null, ct);
                }

                return;
            }

            _store?.Dispose();
            _store = null;
            await StartDaemonAsync(switched, versions, folded, ct);
        }
        finally
        {
            _gate.Release();
        }

        await using var conn = await log.OpenConnectionAsync(ct);
        foreach (var (story, version) in replaced.Where(r => versions.GetValueOrDefault(r.Key) != r.Value))
        {
            await StoryTables.DropAsync(conn, story, version, ct);
        }
    }

    // What the documents of every story on Marten are current to (0 before the daemon's first batch).
    public async Task<long> PositionAsync(CancellationToken ct)
    {
        await using var conn = await log.OpenConnectionAsync(ct);
        return await StoryProgression.ReadAsync(conn, null, StoryDocuments.AllStories, ct) ?? 0;
    }

    // Until the documents are current with the log head as it is now (tests, tools), through any build that
    // pauses the daemon meanwhile; false at the timeout.
    public async Task<bool> WaitForDocumentsAsync(TimeSpan timeout, CancellationToken ct) =>
        await WaitForDocumentsAsync(timeout, TimeSpan.FromMilliseconds(20), ct);

    private async Task<bool> WaitForDocumentsAsync(TimeSpan timeout, TimeSpan pollEvery, CancellationToken ct)
    {
        await _ready.Task.WaitAsync(timeout, ct);
        await using var conn = await log.OpenConnectionAsync(ct);
        var head = await EventLogReader.HeadAsync(conn, null, ct);
        var until = DateTime.UtcNow + timeout;
        while ((await StoryProgression.ReadAsync(conn, null, StoryDocuments.AllStories, ct) ?? 0) < head)
        {
            if (DateTime.UtcNow > until || _disposed)
            {
                return false;
            }

            await Task.Delay(pollEvery, ct);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_announce is not null)
        {
            await _announce;
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _disposed = true;
            if (_coordinator is not null)
            {
                Log.DaemonStopping(logger, "the session ends");
                try
                {
                    await _coordinator.DisposeAsync();
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or ObjectDisposedException)
                {
                    Log.DaemonStopFailed(logger, e.GetType().Name);
                }

                _coordinator = null;
            }

            _store?.Dispose();
            _store = null;
        }
        finally
        {
            // The gate itself stays: a rebuild finishing late still takes it, finds the runtime disposed and
            // starts nothing.
            _gate.Release();
        }

        _stop.Dispose();
    }

    // Logs once when the documents have caught up with the log as it was after the session's first poll
    // (what a new leader's start-up is timed to: bench startup).
    private async Task AnnounceCurrentAsync(Stopwatch clock, CancellationToken ct)
    {
        try
        {
            if (await WaitForDocumentsAsync(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(250), ct))
            {
                Log.DocumentsCurrent(logger, clock.ElapsedMilliseconds);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException)
        {
            // The session ends: the next one announces its own start.
        }
    }

    private async Task StartDaemonAsync(
        StoryStore store, IReadOnlyDictionary<string, uint> versions, ClubState? folded, CancellationToken ct)
    {
        _store = store;
        Versions = versions;
        if (versions.Count == 0)
        {
            return;
        }

        var standby = folded is null && Interlocked.Exchange(ref _standby, null) is { } fold ? await fold.WaitAsync(ct) : null;
        if (standby is not null)
        {
            Log.DaemonFromStandbyFold(logger, standby.Position);
        }

        await store.Shard.WarmUpAsync(folded, ct, standby);
        _coordinator = new ProjectionCoordinator(store.Store, new CategoryLogger<ProjectionCoordinator>(logger));
        await _coordinator.StartAsync(ct);
        Log.DaemonStarted(logger, versions.Count);
        ct.ThrowIfCancellationRequested();
    }
}
