using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// A leader session running on the leader connection without Wolverine's election: what the next leader
// runs once it holds the leader lock, for tests that need a second leader while the first one still runs
// (its leader connection cut, its election not yet noticed). Its store connections carry the instance
// name, as an engine's do.
public sealed class SessionRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlDataSource _store;
    private readonly NpgsqlDataSource _dedicated;
    private readonly ILoggerFactory _loggers;
    private LeaderSession? _session;

    private SessionRun(SourceAndStore db, string instance)
    {
        _source = NpgsqlDataSource.Create(db.SourceReadOnly);
        var name = $"westside-projector {instance}";
        _store = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.Store) { ApplicationName = name }.ConnectionString);
        _dedicated = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.Store) { ApplicationName = name, Pooling = false }.ConnectionString);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public CollectingLogger Logs { get; } = new();

    public Task Running { get; private set; } = Task.CompletedTask;

    // Takes the leader lock (fails if another session holds it) and runs the session's loop.
    public static async Task<SessionRun> StartAsync(SourceAndStore db, IReadOnlyList<IProjection> projections, TimeSpan pollInterval, string instance)
    {
        var run = new SessionRun(db, instance);
        var leader = await LeaderConnection.TryAcquireAsync(run._dedicated, default)
            ?? throw new InvalidOperationException("Another session holds the leader lock.");
        run._session = new LeaderSession(
            leader, run._store, null, ProjectorComposition.CreateCapture(run._source, [], run._loggers), projections,
            new EngineOptions(pollInterval, instance), run._loggers.CreateLogger("Westside.Projections.Projector.Engine"));
        await run._session.StartAsync(default);
        run.Running = Task.Run(() => run._session.RunAsync(run._stop.Token));
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running;
        }
        catch (OperationCanceledException)
        {
        }

        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        await _dedicated.DisposeAsync();
        await _store.DisposeAsync();
        await _source.DisposeAsync();
        _loggers.Dispose();
        _stop.Dispose();
    }
}
