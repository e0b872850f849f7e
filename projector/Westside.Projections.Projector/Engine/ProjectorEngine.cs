using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

// The engine follows Wolverine's election (Leadership): while this process leads, it takes the leader
// connection (the fence) and runs a LeaderSession until the term ends, the caller stops it, or the store
// fails (then it starts over after a backoff, still within the term). A process that does not lead stands
// by until Wolverine makes it the leader.
public sealed class ProjectorEngine : IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly IChangeCapture _capture;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly ILogger _logger;
    private readonly IRequestInbox? _inbox;
    private readonly Leadership _leadership;

    // Pooled connections for side work (rebuild bulk writes). Leader connections come from an unpooled
    // source: closing them must end their sessions (and release the lock).
    private readonly NpgsqlDataSource _store;
    private readonly NpgsqlDataSource _dedicated;

    // Marten's event store; appends go through the leader connection's transaction, not its pool.
    private readonly ProjectorEventStore _events;

    // The club folded while this process waits for its first term; its first session starts from it.
    private Task<StandbyFold?>? _standbyFold;

    public ProjectorEngine(
        EngineOptions options, string storeConnectionString, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, ILoggerFactory loggers, Leadership leadership, IRequestInbox? inbox = null,
        Task<StandbyFold?>? standbyFold = null)
    {
        Validate(projections);
        _standbyFold = standbyFold;
        _inbox = inbox;
        _leadership = leadership;
        _options = options;
        _capture = capture;
        _projections = projections;
        _logger = loggers.CreateLogger("Westside.Projections.Projector.Engine");
        var pooled = new NpgsqlConnectionStringBuilder(storeConnectionString) { ApplicationName = AppName(options) };
        _store = NpgsqlDataSource.Create(pooled.ConnectionString);
        var dedicated = new NpgsqlConnectionStringBuilder(storeConnectionString) { Pooling = false, ApplicationName = AppName(options) };
        _dedicated = NpgsqlDataSource.Create(dedicated.ConnectionString);
        _events = new ProjectorEventStore(_store);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = new Backoff(_options.StandbyRetry, _options.MaxBackoff);
        // Read-only, so it runs before the election (unless the caller started it earlier still).
        _standbyFold ??= Task.Run(() => StandbyFold.TryReadAsync(_store, ct), CancellationToken.None);
        while (!ct.IsCancellationRequested)
        {
            Leadership.Term term;
            try
            {
                term = await NextTermAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, term.Token);
            try
            {
                using var hold = await term.HoldAsync(both.Token);
                await using var session = await NewSessionAsync(both.Token);
                if (Interlocked.Exchange(ref _standbyFold, null) is { } fold)
                {
                    session.UseStandbyFold(fold);
                }

                await session.StartAsync(both.Token);
                failures.Reset();
                await session.RunAsync(both.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (OperationCanceledException) when (term.Ended)
            {
                Log.TermEnded(_logger, _options.InstanceName);
            }
            catch (Exception e)
            {
                var delay = failures.Next();
                Log.SessionEnded(_logger, FailureText.Describe(e), (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, both.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Log.Stopped(_logger, _options.InstanceName);
    }

    // For the CLI: once Wolverine makes this process the leader (no projector runs), serve the open
    // requests and let go. Returns when they are served; waits while another process leads.
    public async Task ServeRequestsWhenLeadingAsync(CancellationToken ct)
    {
        var term = await _leadership.NextTermAsync(ct);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, term.Token);
        using var hold = await term.HoldAsync(both.Token);
        await using var session = await NewSessionAsync(both.Token);
        await session.StartAsync(both.Token);
        await session.DrainRequestsAsync(both.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _standbyFold, null) is { } fold)
        {
            await fold;
        }

        await _events.DisposeAsync();
        await _store.DisposeAsync();
        await _dedicated.DisposeAsync();
    }

    private async Task<Leadership.Term> NextTermAsync(CancellationToken ct)
    {
        var next = _leadership.NextTermAsync(ct);
        if (!next.IsCompleted)
        {
            Log.StandingBy(_logger, _options.InstanceName);
        }

        return await next;
    }

    // The fence: an elected leader waits while a replaced one still holds the leader connection's lock.
    private async Task<LeaderSession> NewSessionAsync(CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            if (await LeaderConnection.TryAcquireAsync(_dedicated, ct) is { } leader)
            {
                Log.BecameLeader(_logger, _options.InstanceName, leader.BackendPid);
                return new LeaderSession(leader, _store, _inbox, _events, _capture, _projections, _options, _logger);
            }

            if (!waiting)
            {
                Log.WaitingForFence(_logger, (long)_options.StandbyRetry.TotalMilliseconds);
                waiting = true;
            }

            await Task.Delay(_options.StandbyRetry, ct);
        }
    }

    private static string AppName(EngineOptions options)
    {
        var name = $"westside-projector {options.InstanceName}";
        return name.Length <= 60 ? name : name[..60];
    }

    private static void Validate(IReadOnlyList<IProjection> projections)
    {
        var duplicate = projections.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two projections are named '{duplicate.Key}'.", nameof(projections));
        }

        if (projections.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Name) || p.Name == RebuildRequest.All) is { } bad)
        {
            throw new ArgumentException($"'{bad.Name}' is not a usable projection name.", nameof(projections));
        }
    }
}
