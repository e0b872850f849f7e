using JasperFx;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Requests;
using Westside.Projections.ReadModel.Store;
using Wolverine;

namespace Westside.Projections.Dashboard.Features.Projections;

public static class RequestSending
{
    // Wolverine for sending only: the rebuild button's message goes through the outbox (in the request's
    // transaction) to the store's queue, where the leading projector takes it. The dashboard applies no
    // schema and runs no durability agent (no migration, no polling of Wolverine's tables): the projector
    // creates the tables and recovers an outgoing message this process left behind.
    public static void AddRequestSending(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestSender>();
        builder.Services.AddSingleton<RebuildRequests>();
        builder.Services.AddSingleton<DeadLetterReader>();
        var store = builder.Configuration[DashboardOptions.StoreVariable];
        string? connectionString = null;
        try
        {
            connectionString = string.IsNullOrWhiteSpace(store) ? null : PgConnectionString.Parse(store, DashboardOptions.StoreVariable);
        }
        catch (FormatException)
        {
            // Reported by DashboardOptionsSetup at start-up, naming the variable.
        }

        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(RequestSending).Assembly;
            if (connectionString is not null)
            {
                opts.UseStoreQueue(connectionString);
            }

            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.Durability.Mode = DurabilityMode.Solo;
            opts.Durability.DurabilityAgentEnabled = false;
            opts.DisableAllExternalListeners = true;
        });
    }
}
