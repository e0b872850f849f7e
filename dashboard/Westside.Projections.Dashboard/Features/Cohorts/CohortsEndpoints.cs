using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Cohorts;

public static class CohortsEndpoints
{
    public static void MapCohorts(this IEndpointRouteBuilder site)
    {
        site.MapGet("/cohorts", Page);
        site.MapGet("/cohorts/{cohort}.csv", Csv);
        site.MapGet("/api/cohorts", List);
        site.MapGet("/api/cohorts/{cohort}", Api);
    }

    private static HtmxPage Page([AsParameters] CohortsFilter filter, CohortsQuery query) =>
        HtmxPage.Cached<CohortsPage, CohortsResults>("Cohorts", async ct => await query.ReadAsync(filter, ct));

    private static async Task<Ok<IReadOnlyList<CohortChoice>>> List(CohortsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.CohortsAsync(ct));

    private static async Task<Results<Ok<CohortList>, NotFound>> Api(string cohort, string? scope, CohortsQuery query, CancellationToken ct) =>
        await query.ListAsync(cohort, string.IsNullOrWhiteSpace(scope) ? "all" : scope, ct) is { } list
            ? TypedResults.Ok(list)
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFoundPage>> Csv(
        string cohort, string? scope, CohortsQuery query, HttpContext http, AuditLog audit, CancellationToken ct)
    {
        var filter = new CohortsFilter(cohort, scope);
        if (await query.ListAsync(filter.CohortName, filter.ScopeId, ct) is not { } list)
        {
            return new NotFoundPage("Nobody is in this cohort, so there is no list to download.");
        }

        // The export carries families' contact details out of the dashboard: who took which list, and how long.
        await audit.WriteAsync(http.User, AuditLog.CsvExported, new Dictionary<string, string>
        {
            ["cohort"] = list.Cohort,
            ["scope"] = list.Scope,
            ["rows"] = (list.Emails.Count + list.ParentsWithoutEmail.Count).ToString(CultureInfo.InvariantCulture),
        }, ct);
        var name = $"westside-{list.Cohort}-{list.Scope.Replace(':', '-')}.csv";
        return TypedResults.File(CohortsCsv.Render(list), "text/csv; charset=utf-8", name);
    }
}
