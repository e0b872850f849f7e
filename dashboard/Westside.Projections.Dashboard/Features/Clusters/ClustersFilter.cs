using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Clusters;

// /clusters?age=12U&q=smith&page=2
public sealed record ClustersFilter(string? Age, string? Q, int? Page)
{
    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    public string Url(int? page = null) =>
        QueryUrl.Build("/clusters", ("age", Age), ("q", Q), ("page", page is > 1 ? page : null));
}
