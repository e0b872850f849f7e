using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Requests;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Runtime.Agents;

namespace Westside.Projections.Projector.Requests;

public static class RequestServices
{
    // Wolverine in a projector process: a node of the store's Balanced cluster, whose elected leader runs
    // the projector's leader agent (LeaderAgent, Leadership); the store's queue, handled only by that
    // leader (WolverineRequestInbox), retried then dead-lettered. The projector creates Wolverine's tables
    // at start-up (the dashboard never does).
    public static IHostApplicationBuilder AddProjectorRequests(this IHostApplicationBuilder builder, string storeConnectionString)
    {
        builder.Services.AddSingleton<CurrentLeader>();
        builder.Services.AddSingleton<Leadership>();
        builder.Services.AddSingleton<LeaderAgent>();
        builder.Services.AddSingleton<IAgentFamily, LeaderAgentFamily>();
        builder.Services.AddSingleton(_ => new RequestStore(NpgsqlDataSource.Create(storeConnectionString)));
        builder.Services.AddSingleton<RequestSender>();
        builder.Services.AddSingleton<IRequestInbox, WolverineRequestInbox>();
        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(RequestServices).Assembly;
            opts.UseStoreQueue(storeConnectionString).AutoProvision();
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            ElectionTimings.Apply(opts.Durability);
            opts.DisableAllExternalListeners = true;
            opts.ListenToPostgresqlQueue(RequestMessaging.Queue)
                .PollingInterval(RequestPolicy.QueuePolling)
                .Sequential();
            opts.OnException<NotLeadingException>().Requeue();
            opts.OnException<Exception>().RetryWithCooldown(RequestPolicy.RetryCooldowns).Then.MoveToErrorQueue();
            // Handler code is pre-generated (Internal/Generated, kept current by PregeneratedHandlerTests):
            // no Roslyn in the process. Measured at first message, Dynamic cost 143 MB of RSS and 1.9 s more
            // (README "Requests through Wolverine"). A missing or stale type fails the start, not a request.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            opts.Services.CritterStackDefaults(defaults =>
            {
                defaults.Production.AssertAllPreGeneratedTypesExist = true;
                defaults.Development.AssertAllPreGeneratedTypesExist = true;
            });
        });
        return builder;
    }
}
