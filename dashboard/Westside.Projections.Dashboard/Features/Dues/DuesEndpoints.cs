using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Dues;

public static class DuesEndpoints
{
    public static void MapDues(this IEndpointRouteBuilder site)
    {
        site.MapGet("/dues", Page);
        site.MapGet("/api/dues", Api);
    }

    private static HtmxPage Page([AsParameters] DuesFilter filter, DuesQuery query) =>
        HtmxPage.Cached<DuesPage, DuesResults>("Dues", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<DuesView>> Api([AsParameters] DuesFilter filter, DuesQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ReadAsync(filter, ct));
}
