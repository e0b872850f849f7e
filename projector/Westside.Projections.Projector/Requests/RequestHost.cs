using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Requests;

// Wolverine as `projector run` has it, without the engine worker: for `projector rebuild|resync` (it
// sends, and listens only if it serves the queue itself) and for tests that host an engine themselves.
// Starting it creates Wolverine's tables in the store.
public static class RequestHost
{
    public static IHost Build(string storeConnectionString, ILoggerFactory? loggers = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        if (loggers is not null)
        {
            builder.Services.AddSingleton(loggers);
        }

        builder.AddProjectorRequests(storeConnectionString);
        return builder.Build();
    }

    // Creates Wolverine's tables in the store as a projector's start-up does (for stores that a test
    // fills without running a projector).
    public static async Task CreateStorageAsync(string storeConnectionString, CancellationToken ct)
    {
        using var host = Build(storeConnectionString);
        await host.StartAsync(ct);
        await host.StopAsync(ct);
    }
}
