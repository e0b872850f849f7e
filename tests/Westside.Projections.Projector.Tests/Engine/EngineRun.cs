using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Requests;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// The engine running in this process against a fixture's source (read-only role, real change capture)
// and a store, with Wolverine's request queue as in `projector run`, and its log lines collected.
public sealed class EngineRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly NpgsqlDataSource _source;
    private readonly ILoggerFactory _loggers;
    private readonly NpgsqlDataSource _store;
    private readonly IHost _requests;
    private readonly ProjectorEngine _engine;

    private EngineRun(string source, string store, IReadOnlyList<IProjection> projections, EngineOptions options)
    {
        _source = NpgsqlDataSource.Create(source);
        _store = NpgsqlDataSource.Create(store);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _requests = RequestHost.Build(store, _loggers);
        _engine = new ProjectorEngine(
            options, store, ProjectorComposition.CreateCapture(_source, [], _loggers), projections, _loggers,
            _requests.Services.GetRequiredService<Leadership>(), _requests.Services.GetRequiredService<IRequestInbox>());
        Running = Task.Run(async () =>
        {
            await _requests.StartAsync(_stop.Token);
            await _engine.RunAsync(_stop.Token);
        });
    }

    public CollectingLogger Logs { get; } = new();

    public Task Running { get; }

    // Files a request as the dashboard and the CLI do: its status row and its Wolverine message.
    public async Task<long> FileAsync(string kind, string projection, string requestedBy)
    {
        while (!Running.IsCompleted && !_requests.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        return await _requests.Services.GetRequiredService<RequestSender>().FileAsync(_store, kind, projection, requestedBy, null, default);
    }

    public static EngineRun Start(
        SourceAndStore db, IReadOnlyList<IProjection> projections, TimeSpan pollInterval, string? store = null,
        TimeSpan? maxBackoff = null, string? source = null, Func<EngineOptions, EngineOptions>? tune = null)
    {
        var options = new EngineOptions(pollInterval, "engine-test") { MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(30) };
        return new(source ?? db.SourceReadOnly, store ?? db.Store, projections, tune is null ? options : tune(options));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Running;
        await _engine.DisposeAsync();
        await _requests.StopAsync();
        _requests.Dispose();
        await _store.DisposeAsync();
        _loggers.Dispose();
        await _source.DisposeAsync();
        _stop.Dispose();
    }
}
