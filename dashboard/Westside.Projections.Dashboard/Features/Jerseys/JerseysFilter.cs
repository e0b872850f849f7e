using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Jerseys;

// /jerseys?team=12&age=12U&status=unpaid&q=smith&page=2
public sealed record JerseysFilter(string? Team, string? Age, string? Status, string? Q, int? Page)
{
    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    [JsonIgnore]
    public bool HasTeam => Team is { Length: > 0 };

    [JsonIgnore]
    public string? ValidStatus => Status is "paid" or "unpaid" ? Status : null;

    public string Url(int? page = null, string? team = null) => QueryUrl.Build("/jerseys",
        ("team", team ?? Team), ("age", Age), ("status", ValidStatus), ("q", Q), ("page", page is > 1 ? page : null));
}
