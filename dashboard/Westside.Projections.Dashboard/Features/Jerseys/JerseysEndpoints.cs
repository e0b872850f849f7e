using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Jerseys;

public static class JerseysEndpoints
{
    public static void MapJerseys(this IEndpointRouteBuilder site)
    {
        site.MapGet("/jerseys", Page);
        site.MapGet("/api/jerseys", Api);
    }

    private static HtmxPage Page([AsParameters] JerseysFilter filter, JerseysQuery query) =>
        HtmxPage.Cached<JerseysPage, JerseysResults>("Jerseys", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<JerseysView>> Api([AsParameters] JerseysFilter filter, JerseysQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
