using Microsoft.Extensions.Hosting;

namespace Westside.Projections.Projector.Engine;

// `projector run` hosts the engine: election, polling, rebuilds, until the host stops (Ctrl-C, SIGTERM).
public sealed class ProjectorWorker(ProjectorEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
