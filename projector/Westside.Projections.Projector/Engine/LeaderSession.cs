using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;

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
    private readonly ProjectorEventStore _events;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly LiveProjections _live;
    private readonly RebuildRequestHandler _requests;
    private readonly Backoff _backoff;
    private readonly Wakeup _wakeup = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _listener;

    // Set when this session made its own event store handle (the constructor without one).
    private readonly ProjectorEventStore? _ownEvents;

    // For one-off sessions (tools, tests, benches): an event store handle of its own over the pool.
    public LeaderSession(
        LeaderConnection leader, NpgsqlDataSource store, NpgsqlDataSource dedicated, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger)
        : this(leader, store, dedicated, new ProjectorEventStore(store), capture, projections, options, logger) =>
        _ownEvents = _events;

    public LeaderSession(
        LeaderConnection leader, NpgsqlDataSource store, NpgsqlDataSource dedicated, ProjectorEventStore events, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger)
    {
        _leader = leader;
        _capture = capture;
        _dedicated = dedicated;
        _events = events;
        _options = options;
        _logger = logger;
        _live = new LiveProjections(projections);
        var rebuilder = new Rebuilder(store, leader, _live, options, logger);
        _requests = new RebuildRequestHandler(leader, _live, rebuilder, _wakeup, c => PollAsync(resync: true, c), logger);
        _backoff = new Backoff(options.PollInterval, options.MaxBackoff);
    }

    public LiveProjections Live => _live;

    public Task StartAsync(CancellationToken ct) => LeaderStartup.RecoverAndLoadAsync(_leader, _events, _live, _options, _logger, ct);

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
            await _requests.ProcessAsync(background);
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
    public Task DrainRequestsAsync(CancellationToken ct) => _requests.DrainAsync(ct);

    public async Task<PollOutcome> PollAsync(bool resync, CancellationToken ct)
    {
        using var gate = await _leader.LockAsync(ct);
        ThrowIfPoisoned();
        return await PollTransaction.RunAsync(_leader.Connection, _events.Store, _capture, _live, resync, _logger, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _requests.Running, _listener })
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
        if (_ownEvents is not null)
        {
            await _ownEvents.DisposeAsync();
        }
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
        if (_live.IsPoisoned)
        {
            throw new InvalidOperationException("The in-memory model may differ from the store; the leader session restarts.");
        }
    }
}
