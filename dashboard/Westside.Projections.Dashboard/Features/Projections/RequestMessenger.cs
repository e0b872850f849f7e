using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Requests;
using Wolverine;
using Wolverine.Runtime;

namespace Westside.Projections.Dashboard.Features.Projections;

// The dashboard's Wolverine, for sending requests only, started at the first request rather than with
// the app: Wolverine opens the store when it starts, and the dashboard must start (and say the store is
// unavailable) while the store is down. ServerlessWithOutbox: no node registration, agents, listeners or
// leader election, so it never touches the projectors' Wolverine cluster; its outbox still commits each
// message with the request's status row, and an envelope this process did not get to send (it died
// between the commit and the send) is owned by no node, so a projector's durability agent sends it.
// It applies no schema: the projector creates Wolverine's tables.
public sealed class RequestMessenger(IOptions<DashboardOptions> options, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IHost? _host;

    public async Task<RequestSender> SenderAsync(CancellationToken ct) => new(await RuntimeAsync(ct));

    // Wolverine's runtime in this process, started at the first call (tests write an envelope through it).
    internal async Task<IWolverineRuntime> RuntimeAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_host is null)
            {
                var host = Build(options.Value.StoreConnectionString, loggers);
                try
                {
                    await host.StartAsync(ct);
                }
                catch
                {
                    // The store may be down: the next request tries again.
                    host.Dispose();
                    throw;
                }

                _host = host;
            }

            return _host.Services.GetRequiredService<IWolverineRuntime>();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }

        _gate.Dispose();
    }

    private static IHost Build(string storeConnectionString, ILoggerFactory loggers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(RequestMessenger).Assembly;
            opts.Discovery.DisableConventionalDiscovery();
            opts.UseStoreQueue(storeConnectionString);
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.Durability.Mode = DurabilityMode.ServerlessWithOutbox;
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        });
        return builder.Build();
    }
}
