using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Contracts;

public static class ContractsEndpoints
{
    public static void MapContracts(this IEndpointRouteBuilder site)
    {
        site.MapGet("/contracts", Page);
        site.MapGet("/api/contracts", Api);
    }

    private static HtmxPage Page([AsParameters] ContractsFilter filter, ContractsQuery query) =>
        HtmxPage.Cached<ContractsPage, ContractsResults>("Contracts", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<ContractsView>> Api([AsParameters] ContractsFilter filter, ContractsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
