using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

// Leader election around LeaderSession. Every process runs this loop: it tries the advisory lock;
// the winner runs a session until it is stopped or the store fails; the others stand by and retry
// every StandbyRetry, so one takes over within about a second after the leader's connection dies.
public sealed class ProjectorEngine : IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly IChangeCapture _capture;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly ILogger _logger;
    private readonly IRequestInbox? _inbox;

    // Pooled connections for side work (rebuild bulk writes). Leader connections come from an unpooled
    // source: closing them must end their sessions (and release the lock).
    private readonly NpgsqlDataSource _store;
    private readonly NpgsqlDataSource _dedicated;

    // Marten's event store; appends go through the leader connection's transaction, not its pool.
    private readonly ProjectorEventStore _events;

    public ProjectorEngine(
        EngineOptions options, string storeConnectionString, IChangeCapture capture,
        IReadOnlyList<IProjection> projections, ILoggerFactory loggers, IRequestInbox? inbox = null)
    {
        Validate(projections);
        _inbox = inbox;
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
        var standingBy = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var leader = await LeaderConnection.TryAcquireAsync(_dedicated, ct);
                if (leader is null)
                {
                    if (!standingBy)
                    {
                        Log.StandingBy(_logger, (long)_options.StandbyRetry.TotalMilliseconds, _options.InstanceName);
                        standingBy = true;
                    }

                    failures.Reset();
                    await Task.Delay(_options.StandbyRetry, ct);
                    continue;
                }

                standingBy = false;
                Log.BecameLeader(_logger, _options.InstanceName, leader.BackendPid);
                await using var session = NewSession(leader);
                await session.StartAsync(ct);
                failures.Reset();
                await session.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                var delay = failures.Next();
                Log.SessionEnded(_logger, FailureText.Describe(e), (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Log.Stopped(_logger, _options.InstanceName);
    }

    // For the CLI when no leader runs: take the lock, serve the open requests, let go.
    // False when another process holds the lock (it serves them instead).
    public async Task<bool> TryServeRequestsAsync(CancellationToken ct)
    {
        var leader = await LeaderConnection.TryAcquireAsync(_dedicated, ct);
        if (leader is null)
        {
            return false;
        }

        await using var session = NewSession(leader);
        await session.StartAsync(ct);
        await session.DrainRequestsAsync(ct);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        await _store.DisposeAsync();
        await _dedicated.DisposeAsync();
    }

    private LeaderSession NewSession(LeaderConnection leader) =>
        new(leader, _store, _inbox, _events, _capture, _projections, _options, _logger);

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
