using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Triage;

public static class TriageEndpoints
{
    public static void MapTriage(this IEndpointRouteBuilder site)
    {
        site.MapGet("/triage", Page);
        site.MapGet("/api/triage", Api);
    }

    private static HtmxPage Page([AsParameters] TriageFilter filter, TriageQuery query) =>
        HtmxPage.Cached<TriagePage, TriageResults>("Triage", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<TriageView>> Api([AsParameters] TriageFilter filter, TriageQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
