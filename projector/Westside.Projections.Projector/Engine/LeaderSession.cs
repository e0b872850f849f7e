using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// What the elected leader does while it holds the lock: recover what a previous leader left, fold the
// log into memory, then poll — one store transaction per poll on the leader connection: capture ->
// append events -> render touched documents into each live generation -> checkpoints -> heartbeat ->
// commit — and serve rebuild and resync requests beside it. Any store failure ends the session (the
// engine reconnects and reloads); source failures only back the polling off.
public sealed class LeaderSession : IAsyncDisposable
{
    public const string StartupRequester = "projector:startup";

    private readonly LeaderConnection _leader;
    private readonly IChangeCapture _capture;
    private readonly NpgsqlDataSource _dedicated;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly LiveProjections _live;
    private readonly Rebuilder _rebuilder;
    private readonly Backoff _backoff;
    private readonly Wakeup _wakeup = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _rebuild;
    private Task? _listener;

    public LeaderSession(
        LeaderConnection leader, NpgsqlDataSource store, NpgsqlDataSource dedicated, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger)
    {
        _leader = leader;
        _capture = capture;
        _dedicated = dedicated;
        _options = options;
        _logger = logger;
        _live = new LiveProjections(projections);
        _rebuilder = new Rebuilder(store, leader, _live, options, logger);
        _backoff = new Backoff(options.PollInterval, options.MaxBackoff);
    }

    public LiveProjections Live => _live;

    public async Task StartAsync(CancellationToken ct)
    {
        var conn = _leader.Connection;
        await HeartbeatWriter.RecordLeaderAsync(conn, _options.InstanceName, _options.PollInterval, ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var requeued = await RebuildRequestQueue.RequeueRunningAsync(conn, tx, ct);
            var interrupted = await ProjectionTable.RecoverAsync(conn, tx, ct);
            await ProjectionTable.InsertMissingAsync(conn, tx, _live.All.Select(p => p.Name), ct);
            await tx.CommitAsync(ct);
            if (requeued + interrupted.Count > 0)
            {
                Log.Recovered(_logger, requeued, interrupted.Count);
            }
        }

        var clock = Stopwatch.StartNew();
        var head = await EventLogReader.HeadAsync(conn, null, ct);
        await StateLoader.FoldAsync(conn, _live.State, 0, head, null, ct);
        Log.StateLoaded(_logger, head, clock.ElapsedMilliseconds);

        var rows = await ProjectionTable.LoadAsync(conn, null, ct);
        foreach (var projection in _live.All)
        {
            var row = rows[projection.Name];
            if (row.Checkpoint == head)
            {
                _live.Maintain(projection.Name, row.LiveGeneration);
            }
            else
            {
                Log.ProjectionBehind(_logger, projection.Name, row.Checkpoint, head);
                await RebuildRequestQueue.EnqueueOnceAsync(conn, projection.Name, StartupRequester, ct);
            }
        }

        foreach (var name in rows.Keys.Where(n => _live.Find(n) is null))
        {
            Log.UnknownProjection(_logger, name);
        }
    }

    // The leader loop: requests, then a poll when due, then sleep until the next poll or a wake-up.
    public async Task RunAsync(CancellationToken ct)
    {
        // Background work (listener, rebuilds) stops with the session, at the latest in DisposeAsync.
        await using var stopWithCaller = ct.Register(_stop.Cancel);
        var background = _stop.Token;
        _listener = Task.Run(() => new RebuildNotifications(_dedicated, _wakeup, _logger).RunAsync(background), CancellationToken.None);
        var nextPoll = Stopwatch.GetTimestamp();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ThrowIfPoisoned();
            await ProcessRequestsAsync(background);
            if (Stopwatch.GetTimestamp() >= nextPoll)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await PollAsync(resync: false, ct);
                nextPoll = started + (long)(Pace(outcome).TotalSeconds * Stopwatch.Frequency);
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextPoll);
            await _wakeup.WaitAsync(wait, ct);
        }
    }

    // For `projector rebuild|resync` when no leader runs: serve every pending request, then return.
    public async Task DrainRequestsAsync(CancellationToken ct)
    {
        while (true)
        {
            await ProcessRequestsAsync(ct);
            if (_rebuild is { } running)
            {
                await running;
                _rebuild = null;
                continue;
            }

            using (await _leader.LockAsync(ct))
            {
                if (!await RebuildRequestQueue.AnyPendingAsync(_leader.Connection, ct))
                {
                    return;
                }
            }
        }
    }

    public async Task<PollOutcome> PollAsync(bool resync, CancellationToken ct)
    {
        using var gate = await _leader.LockAsync(ct);
        ThrowIfPoisoned();
        var conn = _leader.Connection;
        var clock = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(ct);
        CaptureBatch batch;
        try
        {
            batch = resync ? await _capture.ResyncAsync(conn, tx, ct) : await _capture.CaptureAsync(conn, tx, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was folded: roll back the capture's store writes and keep the session. If the
            // store itself is gone, the rollback or the heartbeat write throws and the session ends.
            var error = FailureText.Describe(e);
            await tx.RollbackAsync(ct);
            await HeartbeatWriter.RecordSourceFailureAsync(conn, error, ct);
            return PollOutcome.Failed(error, clock.Elapsed);
        }

        try
        {
            var recorded = await EventLog.AppendAsync(conn, tx, batch, ct);
            var documents = 0;
            var head = recorded.Count > 0 ? recorded[^1].Sequence : _live.State.LastSequence;
            if (recorded.Count > 0)
            {
                foreach (var (rendered, generation) in _live.Apply(recorded))
                {
                    await DocumentWriter.WriteAsync(conn, tx, rendered, generation, head, ct);
                    documents += rendered.Count;
                }

                await ProjectionTable.AdvanceAsync(conn, tx, _live.Maintained.Select(p => p.Name).ToList(), head, ct);
            }

            await HeartbeatWriter.RecordPollAsync(conn, tx, batch.SourceSnapshotAt, ct);
            await tx.CommitAsync(ct);
            if (recorded.Count > 0)
            {
                Log.BatchCommitted(_logger, recorded.Count, documents, head, clock.ElapsedMilliseconds);
            }

            return PollOutcome.Committed(recorded.Count, documents, head, clock.Elapsed);
        }
        catch
        {
            // The batch may be folded in memory but not in the store (or the commit's fate unknown).
            _live.Poison();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _rebuild, _listener })
        {
            if (task is not null)
            {
                try
                {
                    await task;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        _stop.Dispose();
        await _leader.DisposeAsync();
    }

    private TimeSpan Pace(PollOutcome outcome)
    {
        if (outcome.Ok)
        {
            if (_backoff.Failures > 0)
            {
                Log.SourceRecovered(_logger, _backoff.Failures);
                _backoff.Reset();
            }

            return _options.PollInterval;
        }

        var delay = _backoff.Next();
        Log.SourceBackoff(_logger, outcome.Error!, (long)delay.TotalMilliseconds, _backoff.Failures);
        return delay;
    }

    private async Task ProcessRequestsAsync(CancellationToken ct)
    {
        IReadOnlyList<RebuildRequest> resyncs;
        IReadOnlyList<RebuildRequest> rebuilds = [];
        using (await _leader.LockAsync(ct))
        {
            var conn = _leader.Connection;
            if (!await RebuildRequestQueue.AnyPendingAsync(conn, ct))
            {
                return;
            }

            resyncs = await RebuildRequestQueue.ClaimAsync(conn, RebuildRequest.Resync, ct);
            if (_rebuild is null || _rebuild.IsCompleted)
            {
                rebuilds = await RebuildRequestQueue.ClaimAsync(conn, RebuildRequest.Rebuild, ct);
            }
        }

        foreach (var request in resyncs)
        {
            await ResyncAsync(request, ct);
        }

        if (rebuilds.Count > 0)
        {
            _rebuild = Task.Run(() => RebuildAsync(rebuilds, ct), CancellationToken.None);
        }
    }

    private async Task ResyncAsync(RebuildRequest request, CancellationToken ct)
    {
        var outcome = await PollAsync(resync: true, ct);
        if (outcome.Ok)
        {
            Log.ResyncCompleted(_logger, request.Id, outcome.Events);
        }

        await FinishAsync(request, outcome.Error, new
        {
            requestId = request.Id,
            events = outcome.Events,
            documents = outcome.Documents,
            checkpoint = outcome.Head,
            durationMs = (long)outcome.Duration.TotalMilliseconds,
        }, ct);
    }

    private async Task RebuildAsync(IReadOnlyList<RebuildRequest> requests, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var accepted = new List<RebuildRequest>();
            foreach (var request in requests)
            {
                if (request.Projection != RebuildRequest.All && _live.Find(request.Projection) is null)
                {
                    Log.RequestRejected(_logger, request.Id, "unknown projection");
                    await FinishAsync(request, "unknown projection", new { requestId = request.Id, projection = request.Projection }, ct);
                }
                else
                {
                    accepted.Add(request);
                }
            }

            if (accepted.Count == 0)
            {
                return;
            }

            // One replay serves every claimed request ("all" means every projection).
            var targets = accepted.Any(r => r.Projection == RebuildRequest.All)
                ? _live.All
                : _live.All.Where(p => accepted.Any(r => r.Projection == p.Name)).ToList();
            var requestedBy = string.Join(",", accepted.Select(r => r.RequestedBy).Distinct(StringComparer.Ordinal));
            RebuildResult? result = null;
            string? error = null;
            try
            {
                result = targets.Count > 0 ? await _rebuilder.RebuildAsync(targets, requestedBy, ct) : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = FailureText.Describe(e);
            }

            foreach (var request in accepted)
            {
                await FinishAsync(request, error, new
                {
                    requestId = request.Id,
                    projection = request.Projection,
                    generations = result?.Generations,
                    events = result?.Events,
                    documents = result?.Documents,
                    checkpoint = result?.Checkpoint,
                    replayMs = (long?)result?.Replay.TotalMilliseconds,
                    writeMs = (long?)result?.Write.TotalMilliseconds,
                    durationMs = clock.ElapsedMilliseconds,
                }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The session is ending; the next leader re-queues the running requests.
        }
        finally
        {
            _wakeup.Set();
        }
    }

    private async Task FinishAsync(RebuildRequest request, string? error, object detail, CancellationToken ct)
    {
        try
        {
            using (await _leader.LockAsync(ct))
            {
                await RebuildRequestQueue.FinishAsync(_leader.Connection, request, error, detail, ct);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The leader connection is gone: the session ends at its next poll and the next leader
            // re-queues this request.
            Log.RequestFinishFailed(_logger, request.Id, FailureText.Describe(e));
        }
    }

    private void ThrowIfPoisoned()
    {
        if (_live.IsPoisoned)
        {
            throw new InvalidOperationException("The in-memory model may differ from the store; the leader session restarts.");
        }
    }
}
