using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Contracts;

// /contracts?status=signed&version=2026-fall-v2&month=2026-10&age=12U&q=smith&page=2
public sealed record ContractsFilter(string? Status, string? Version, string? Month, string? Age, string? Q, int? Page)
{
    public static readonly IReadOnlyList<string> Statuses = ["signed", "sent", "declined", "voided"];

    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    [JsonIgnore]
    public string? ValidStatus => Status is { } s && Statuses.Contains(s) ? s : null;

    // The same view narrowed to one version or month (links in the totals tables).
    public string With(string? version = null, string? month = null) =>
        (this with { Version = version ?? Version, Month = month ?? Month, Page = null }).Url();

    public string Url(int? page = null) => QueryUrl.Build("/contracts",
        ("status", ValidStatus), ("version", Version), ("month", Month), ("age", Age), ("q", Q), ("page", page is > 1 ? page : null));
}
