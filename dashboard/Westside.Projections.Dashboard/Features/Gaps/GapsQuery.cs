using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Gaps;

// Reads the data gaps projection ("gaps"): a "summary" with the count of each gap, and one document
// per gap and subject, its kind being the gap's name (oldest first, or by name for teams and parents).
public sealed class GapsQuery(DocumentReader reader, TimeProvider clock)
{
    public const string Projection = "gaps";
    public const int PerPage = 25;

    public async Task<GapsView> ReadAsync(GapsFilter filter, CancellationToken ct)
    {
        var summary = (await reader.GetAsync(Projection, DataGapsProjection.SummaryId, ct))?.As<DataGapSummaryDocument>();
        var known = ReadModel.Projections.DataGaps.Gaps.All;
        var gap = known.Any(g => g.Gap == filter.Gap)
            ? filter.Gap!
            : summary?.Counts.FirstOrDefault(c => c.Count > 0)?.Gap ?? known[0].Gap;
        var label = known.First(g => g.Gap == gap).Label;
        var search = DocumentListing.NullIfBlank(filter.Q);
        var page = filter.PageNumber;
        var slice = await DocumentListing.PageAsync(reader, Projection, [gap], null, search, (page - 1) * PerPage, PerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, PerPage);
        if (page > pageCount)
        {
            page = pageCount;
            slice = await DocumentListing.PageAsync(reader, Projection, [gap], null, search, (page - 1) * PerPage, PerPage, ct);
        }

        return new GapsView(filter with { Gap = gap }, summary, gap, label,
            slice.Documents.Select(d => d.As<DataGapDocument>()).ToList(), slice.Total, page, pageCount, clock.GetUtcNow());
    }
}
