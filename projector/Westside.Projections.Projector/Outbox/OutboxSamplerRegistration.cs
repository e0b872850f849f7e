using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

public static class OutboxSamplerRegistration
{
    // With dependency injection: services.AddOutboxSampler(); registers the health options (read and
    // validated now, at start-up) and the sampler, as itself and as an ISnapshotSampler.
    public static IServiceCollection AddOutboxSampler(this IServiceCollection services, Func<string, string?>? environment = null)
    {
        var health = OutboxSampler.ReadHealthOptions(environment);
        services.AddSingleton(health);
        services.AddSingleton(sp => new OutboxSampler(health, OutboxSamplerOptions.Default, sp.GetRequiredService<ILogger<OutboxSampler>>()));
        services.AddSingleton<ISnapshotSampler>(sp => sp.GetRequiredService<OutboxSampler>());
        return services;
    }
}
