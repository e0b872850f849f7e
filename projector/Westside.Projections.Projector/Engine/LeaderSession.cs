using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// What the elected leader does while it holds the lock: recover what a previous leader left, start
// Marten's async daemon over the stories (StoryRuntime: it folds the log into the documents), then poll
// — one store transaction per poll on the leader connection: capture -> append events -> heartbeat ->
// commit — and serve rebuild and resync requests beside it (from the request inbox, the start-up builds
// of stories not yet on Marten's tables, and a catch-up build when a poll leaves the documents far behind
// the head: CatchUp). Any store failure ends the session (the engine reconnects and starts over); source
// failures only back the polling off.
public sealed class LeaderSession : IAsyncDisposable
{
    public const string StartupRequester = "projector:startup";

    private readonly LeaderConnection _leader;
    private readonly IChangeCapture _capture;
    private readonly ProjectorEventStore _events;
    private readonly IRequestInbox? _inbox;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly StoryRuntime _stories;
    private readonly RebuildRequestHandler _requests;
    private readonly Rebuilder _rebuilder;
    private readonly Backoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<RebuildRequest> _startupRebuilds = [];
    private Task? _startup;
    private Task? _storiesStart;
    private Task? _catchUp;
    private bool _polled;
    private bool _inboxOpen;

    // Set when this session made its own event store handle (the constructor without one).
    private readonly ProjectorEventStore? _ownEvents;

    // For one-off sessions (tools, tests, benches): an event store handle of its own over the pool.
    public LeaderSession(
        LeaderConnection leader, NpgsqlDataSource store, IRequestInbox? inbox, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger)
        : this(leader, store, inbox, new ProjectorEventStore(store), capture, projections, options, logger) =>
        _ownEvents = _events;

    public LeaderSession(
        LeaderConnection leader, NpgsqlDataSource store, IRequestInbox? inbox, ProjectorEventStore events, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger)
    {
        _leader = leader;
        _capture = capture;
        _events = events;
        _inbox = inbox;
        _options = options;
        _logger = logger;
        _projections = projections;
        _stories = new StoryRuntime(store, projections, options.DaemonBatchSize, logger);
        _rebuilder = new Rebuilder(store, leader, _stories, options, logger);
        _requests = new RebuildRequestHandler(leader, projections, _rebuilder, c => PollAsync(resync: true, c), logger);
        _backoff = new Backoff(options.PollInterval, options.MaxBackoff);
    }

    // What this process folded while it waited to lead (ProjectorEngine): the daemon starts from it.
    public void UseStandbyFold(Task<StandbyFold?> fold) => _stories.UseStandbyFold(fold);

    public async Task StartAsync(CancellationToken ct) =>
        _startupRebuilds = await LeaderStartup.RecoverAsync(_leader, _events, _projections, _options, _logger, ct);

    // Until the documents are current with the log head as it is now (tools and tests; the pages show
    // the lag instead). False at the timeout.
    public Task<bool> WaitForDocumentsAsync(TimeSpan timeout, CancellationToken ct)
    {
        StartStories();
        return _stories.WaitForDocumentsAsync(timeout, ct);
    }

    // A rebuild outside the request queue (benches): no request row, no audit entry.
    public Task<RebuildResult> RebuildAsync(IReadOnlyList<IProjection> targets, string requestedBy, CancellationToken ct)
    {
        StartStories();
        return _rebuilder.RebuildAsync(targets, requestedBy, ct);
    }

    // The leader loop: a poll, then sleep until the next one. Requests are served beside it: the
    // start-up rebuilds in the background, the inbox's requests on its own threads (ServeAsync).
    public async Task RunAsync(CancellationToken ct)
    {
        // Background work (rebuilds, the inbox) stops with the session, at the latest in DisposeAsync.
        await using var stopWithCaller = ct.Register(_stop.Cancel);
        if (await LogIsEmptyAsync(ct))
        {
            Log.DaemonAfterFirstPoll(_logger);
        }
        else
        {
            StartStories();
        }

        await OpenRequestsAsync(ct);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ThrowIfPoisoned();
            var started = Stopwatch.GetTimestamp();
            var outcome = await PollAsync(resync: false, ct);
            StartStories();
            if (outcome.Ok)
            {
                _stories.AnnounceWhenCurrent();
                CatchUpIfFarBehind(outcome);
            }
            var nextPoll = started + (long)(Pace(outcome).TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextPoll);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            if (_startup is { IsFaulted: true })
            {
                await _startup;
            }

            if (_storiesStart is { IsFaulted: true })
            {
                await _storiesStart;
            }

            if (_catchUp is { IsFaulted: true })
            {
                await _catchUp;
            }
        }
    }

    // Serves one request from the inbox (Wolverine's handlers). Attempt and MaxAttempts: Wolverine's
    // count, so that only the last failed attempt fails the request.
    public async Task ServeAsync(RebuildRequest request, int attempt, int maxAttempts, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        await _requests.ServeAsync(request, attempt, maxAttempts, linked.Token);
    }

    // For `projector rebuild|resync` (and tests) when no leader runs: open the inbox, serve until no
    // request is pending or running, then return.
    public async Task DrainRequestsAsync(CancellationToken ct)
    {
        StartStories();
        await OpenRequestsAsync(ct);
        await _storiesStart!;
        if (_startup is not null)
        {
            await _startup;
        }

        while (_inbox is not null && await AnyOpenAsync(ct))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    public async Task<PollOutcome> PollAsync(bool resync, CancellationToken ct)
    {
        using var gate = await _leader.LockAsync(ct);
        ThrowIfPoisoned();
        return await PollTransaction.RunAsync(_leader.Connection, _events.Store, _capture, resync, _logger, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_startup is not null)
        {
            try
            {
                await _startup;
            }
            catch (Exception e) when (e is OperationCanceledException or RequestFailedException)
            {
            }
        }

        if (_catchUp is not null)
        {
            try
            {
                await _catchUp;
            }
            catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Recorded as interrupted by the next leader, which builds again if it is still far behind.
            }
        }

        // Before the lock goes: from here on only the next leader serves requests.
        if (_inboxOpen)
        {
            await _inbox!.CloseAsync();
        }

        // The daemon stops before the lock goes: no two processes write the documents.
        if (_storiesStart is not null)
        {
            try
            {
                await _storiesStart;
            }
            catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The session is ending anyway; the next one starts its own.
            }
        }

        await _stories.DisposeAsync();
        _stop.Dispose();
        await _leader.DisposeAsync();
        if (_ownEvents is not null)
        {
            await _ownEvents.DisposeAsync();
        }
    }

    // Marten's daemon starts beside the polls (StoryRuntime.StartAsync), once per session; on an empty log
    // after the first poll (LogIsEmptyAsync).
    private void StartStories()
    {
        var background = _stop.Token;
        _storiesStart ??= Task.Run(() => _stories.StartAsync(_leader, background), CancellationToken.None);
    }

    // On an empty log (a first start) Marten's daemon starts after the first poll instead of beside it:
    // while that poll appends the whole source in one transaction, the daemon's high-water agent sees a
    // gap above 0 held by an open transaction and probes it several times a second, each probe walking
    // the poll's uncommitted rows (at 50,000 players: 227 probes, 26 s of the store's CPU during the poll).
    // With nothing in the log, the daemon has nothing to fold meanwhile.
    private async Task<bool> LogIsEmptyAsync(CancellationToken ct)
    {
        using var gate = await _leader.LockAsync(ct);
        return await EventLogReader.HeadAsync(_leader.Connection, null, ct) == 0;
    }

    private async Task OpenRequestsAsync(CancellationToken ct)
    {
        if (_startup is null && _startupRebuilds.Count > 0)
        {
            var background = _stop.Token;
            _startup = Task.Run(
                async () =>
                {
                    await _stories.ReadyAsync(background);
                    foreach (var request in _startupRebuilds)
                    {
                        try
                        {
                            await _requests.ServeAsync(request, 1, 1, background);
                        }
                        catch (RequestFailedException)
                        {
                            // Recorded as failed with its audit entry; the next leader tries again.
                        }
                    }
                },
                CancellationToken.None);
        }

        if (_inbox is not null && !_inboxOpen)
        {
            await _inbox.OpenAsync(this, ct);
            _inboxOpen = true;
        }
    }

    // After the session's first poll, and after any poll that appended CatchUpEvents or more: when the
    // documents are far behind the head (CatchUp.IsWorthIt), every story is built in bulk to the head, in
    // the background like the start-up builds, recorded and audited as a rebuild by projector:catch-up.
    private void CatchUpIfFarBehind(PollOutcome outcome)
    {
        var first = !_polled;
        _polled = true;
        if (_options.CatchUpEvents <= 0 || (!first && outcome.Events < _options.CatchUpEvents)
            || _catchUp is { IsCompleted: false } || _startup is { IsCompleted: false })
        {
            return;
        }

        var background = _stop.Token;
        _catchUp = Task.Run(
            () => CatchUp.RunAsync(_leader, _stories, _requests, _projections.Count, _options.CatchUpEvents, outcome.Head, _logger, background),
            CancellationToken.None);
    }

    private async Task<bool> AnyOpenAsync(CancellationToken ct)
    {
        using var gate = await _leader.LockAsync(ct);
        return await RequestStatusTable.AnyOpenAsync(_leader.Connection, ct);
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

    private void ThrowIfPoisoned()
    {
        if (_stories.IsPoisoned)
        {
            throw new InvalidOperationException("A switch of story versions may or may not have committed; the leader session restarts.");
        }
    }
}
