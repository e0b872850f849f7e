using System.Text.Json.Serialization;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Features.Tournaments;

// /tournaments?tournament=3&status=registered&fee=unpaid&age=12U&q=blue&page=2
// (no tournament: the latest one).
public sealed record TournamentsFilter(int? Tournament, string? Status, string? Fee, string? Age, string? Q, int? Page)
{
    [JsonIgnore]
    public int PageNumber => Math.Max(1, Page ?? 1);

    [JsonIgnore]
    public string? ValidStatus => Status is "registered" or "withdrawn" ? Status : null;

    [JsonIgnore]
    public bool? FeePaid => Fee switch
    {
        "paid" => true,
        "unpaid" => false,
        _ => null,
    };

    public string Url(int? page = null, int? tournament = null) => QueryUrl.Build("/tournaments",
        ("tournament", tournament ?? Tournament),
        ("status", tournament is null ? ValidStatus : null), ("fee", tournament is null ? Fee : null),
        ("age", tournament is null ? Age : null), ("q", tournament is null ? Q : null),
        ("page", page is > 1 ? page : null));
}
