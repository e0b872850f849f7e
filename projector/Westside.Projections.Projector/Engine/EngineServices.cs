using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Documents;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

public static class EngineServices
{
    // The projection runtime as a hosted worker. The change capture is the source side's to build.
    public static IHostApplicationBuilder AddProjectorEngine(
        this IHostApplicationBuilder builder, ProjectorSettings settings, IReadOnlyList<IProjection> projections,
        Func<IServiceProvider, IChangeCapture> capture, Task<StandbyFold?>? standbyFold = null)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(capture);
        builder.Services.AddSingleton(sp => new ProjectorEngine(
            new EngineOptions(settings.PollInterval, settings.InstanceName),
            settings.StoreConnectionString,
            sp.GetRequiredService<IChangeCapture>(),
            projections,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<Leadership>(),
            sp.GetService<IRequestInbox>(),
            standbyFold));
        builder.Services.AddHostedService<ProjectorWorker>();
        return builder;
    }
}
