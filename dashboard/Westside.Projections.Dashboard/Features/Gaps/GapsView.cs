using Westside.Projections.ReadModel.Projections.DataGaps;

namespace Westside.Projections.Dashboard.Features.Gaps;

public sealed record GapsView(
    GapsFilter Filter,
    DataGapSummaryDocument? Summary,
    string Gap,
    string GapLabel,
    IReadOnlyList<DataGapDocument> Items,
    long Matching,
    int Page,
    int PageCount,
    DateTimeOffset Now);
