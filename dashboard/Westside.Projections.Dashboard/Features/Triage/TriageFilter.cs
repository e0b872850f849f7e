using System.Text.Json.Serialization;

namespace Westside.Projections.Dashboard.Features.Triage;

// The triage URL: /triage?team=12&age=12U&status=sent&q=smith&page=2. Team is a team id or "none".
public sealed record TriageFilter(string? Team, string? Age, string? Status, string? Q, int? Page)
{
    public static readonly IReadOnlyList<string> Statuses = ["sent", "declined", "none"];

    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    [JsonIgnore]
    public bool HasTeam => Team is { Length: > 0 };

    [JsonIgnore]
    public int? TeamId => int.TryParse(Team, out var id) ? id : null;

    [JsonIgnore]
    public string? ValidStatus => Status is { } s && Statuses.Contains(s) ? s : null;

    public string Url(int? page = null, string? team = null) => Infrastructure.QueryUrl.Build("/triage",
        ("team", team ?? Team), ("age", Age), ("status", ValidStatus), ("q", Q), ("page", page is > 1 ? page : null));
}
