using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Dashboard.Features.Outbox;

public static class OutboxEndpoints
{
    // The sample reader, the query, and the thresholds (validated at start-up).
    public static void AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxOptionsSetup>();
        builder.Services.AddSingleton<IConfigureOptions<OutboxOptions>>(sp => sp.GetRequiredService<OutboxOptionsSetup>());
        builder.Services.AddSingleton<IValidateOptions<OutboxOptions>>(sp => sp.GetRequiredService<OutboxOptionsSetup>());
        builder.Services.AddOptions<OutboxOptions>().ValidateOnStart();
        builder.Services.AddSingleton<OutboxSampleReader>();
        builder.Services.AddSingleton<OutboxQuery>();
    }

    public static void MapOutbox(this IEndpointRouteBuilder site)
    {
        site.MapGet("/outbox", Page);
        site.MapGet("/api/outbox", Api);
    }

    // The whole page, or for htmx (the 5 s refresh, the range links) the #outbox-live fragment.
    private static async Task<HtmxPage> Page(string? range, OutboxQuery query, CancellationToken ct) =>
        HtmxPage.Of<OutboxPage, OutboxLive>("Outbox", await query.ReadAsync(OutboxRange.Parse(range), ct));

    private static async Task<Ok<OutboxView>> Api(string? range, OutboxQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(OutboxRange.Parse(range), ct));
}
