using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Cohorts;

// /cohorts?cohort=unsigned&scope=team:12 (scope: all, age:12U, team:{id}, team:none).
public sealed record CohortsFilter(string? Cohort, string? Scope)
{
    public const string DefaultCohort = "unsigned";

    [JsonIgnore]
    public string CohortName => string.IsNullOrWhiteSpace(Cohort) ? DefaultCohort : Cohort.Trim();

    [JsonIgnore]
    public string ScopeId => string.IsNullOrWhiteSpace(Scope) ? "all" : Scope.Trim();

    public string CsvUrl => QueryUrl.Build($"/cohorts/{Uri.EscapeDataString(CohortName)}.csv", ("scope", ScopeId == "all" ? null : ScopeId));
}
