using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Commands;

// `projector run`: the same checks as `check` (refusing to start with their exit code), then the
// engine as a hosted worker until Ctrl-C or SIGTERM.
public static class RunCommand
{
    public static async Task<int> RunAsync(ProjectorSettings settings, CancellationToken ct)
    {
        try
        {
            OutboxSampler.ReadHealthOptions();
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine($"configuration error: {e.Message}");
            return ExitCodes.ConfigurationError;
        }

        // The club's fold for Marten's daemon (StandbyFold) only reads the store: it starts with the process,
        // beside the checks, Wolverine's start and the election, instead of after them.
        await using var foldStore = NpgsqlDataSource.Create(settings.StoreConnectionString);
        using var stopFold = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var fold = Task.Run(() => StandbyFold.TryReadAsync(foldStore, stopFold.Token), CancellationToken.None);
        try
        {
            var code = await StartupCheck.RunAsync(settings, Console.Out, ct);
            if (code != ExitCodes.Ok)
            {
                Console.WriteLine($"refusing to run: check failed (exit {code})");
                return code;
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
            // Wolverine's start (about 0.9 s) and the engine's run beside each other: the engine stands by until
            // Wolverine's election makes it the leader.
            builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
            builder.Services.AddOutboxSampler();
            builder.AddProjectorRequests(settings.StoreConnectionString);
            await using var source = NpgsqlDataSource.Create(settings.SourceConnectionString);
            builder.AddProjectorEngine(settings, ProjectionCatalog.All, sp => ProjectorComposition.CreateCapture(
                source, sp.GetServices<ISnapshotSampler>(), sp.GetRequiredService<ILoggerFactory>()), fold);
            using var host = builder.Build();
            await host.RunAsync(ct);
        }
        finally
        {
            await stopFold.CancelAsync();
            await fold;
        }

        return ExitCodes.Ok;
    }
}
