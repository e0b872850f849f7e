using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Gaps;

// /gaps?gap=outbox-failed&q=smith&page=2 (no gap: the first one that has any).
public sealed record GapsFilter(string? Gap, string? Q, int? Page)
{
    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    public string Url(int? page = null, string? gap = null) =>
        QueryUrl.Build("/gaps", ("gap", gap ?? Gap), ("q", gap is null ? Q : null), ("page", page is > 1 ? page : null));
}
