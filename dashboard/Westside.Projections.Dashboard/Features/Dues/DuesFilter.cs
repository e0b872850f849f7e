using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Dues;

// /dues?view=past-due|teams&team=12&age=12U&status=past_due&q=smith&page=2
// The past-due list is the default view: it is the one with something to do.
public sealed record DuesFilter(string? View, string? Team, string? Age, string? Status, string? Q, int? Page)
{
    public static readonly IReadOnlyList<string> Statuses = ["past_due", "active", "canceled", "none"];

    [JsonIgnore]
    public bool Teams => View == "teams";

    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    [JsonIgnore]
    public bool HasTeam => Teams && Team is { Length: > 0 };

    [JsonIgnore]
    public string? ValidStatus => Status is { } s && Statuses.Contains(s) ? s : null;

    public string Url(int? page = null, string? team = null, string? view = null) => QueryUrl.Build("/dues",
        ("view", (view ?? View) == "teams" ? "teams" : null), ("team", team ?? Team), ("age", Age),
        ("status", ValidStatus), ("q", Q), ("page", page is > 1 ? page : null));
}
