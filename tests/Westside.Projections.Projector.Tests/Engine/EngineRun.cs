using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// The engine running in this process against a fixture's source (read-only role, real change capture)
// and a store, with its log lines collected.
public sealed class EngineRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly NpgsqlDataSource _source;
    private readonly ILoggerFactory _loggers;
    private readonly ProjectorEngine _engine;

    private EngineRun(SourceAndStore db, string store, IReadOnlyList<IProjection> projections, EngineOptions options)
    {
        _source = NpgsqlDataSource.Create(db.SourceReadOnly);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _engine = new ProjectorEngine(options, store, ProjectorComposition.CreateCapture(_source, [], _loggers), projections, _loggers);
        Running = Task.Run(() => _engine.RunAsync(_stop.Token));
    }

    public CollectingLogger Logs { get; } = new();

    public Task Running { get; }

    public static EngineRun Start(
        SourceAndStore db, IReadOnlyList<IProjection> projections, TimeSpan pollInterval, string? store = null,
        TimeSpan? maxBackoff = null) =>
        new(db, store ?? db.Store, projections, new EngineOptions(pollInterval, "engine-test")
        {
            MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(30),
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Running;
        await _engine.DisposeAsync();
        _loggers.Dispose();
        await _source.DisposeAsync();
        _stop.Dispose();
    }
}
