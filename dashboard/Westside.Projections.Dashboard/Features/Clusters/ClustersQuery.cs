using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Clusters;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Clusters;

// Reads the clusters projection: one "cluster" document per parent with two or more unsigned kids
// (largest first) and a "summary".
public sealed class ClustersQuery(DocumentReader reader)
{
    public const string Projection = "clusters";
    public const int PerPage = 20;

    public async Task<ClustersView> ReadAsync(ClustersFilter filter, CancellationToken ct)
    {
        var summary = (await reader.GetAsync(Projection, ClustersProjection.SummaryId, ct))?.As<ClusterSummaryDocument>();
        var age = Club.ValidAgeGroup(filter.Age);
        var contains = DocumentListing.Contains(("ageGroups", age is null ? null : new[] { age }));
        var search = DocumentListing.NullIfBlank(filter.Q);
        var page = filter.PageNumber;
        var slice = await DocumentListing.PageAsync(reader, Projection, ["cluster"], contains, search, (page - 1) * PerPage, PerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, PerPage);
        if (page > pageCount)
        {
            page = pageCount;
            slice = await DocumentListing.PageAsync(reader, Projection, ["cluster"], contains, search, (page - 1) * PerPage, PerPage, ct);
        }

        return new ClustersView(filter, summary, slice.Documents.Select(d => d.As<ClusterDocument>()).ToList(), slice.Total, page, pageCount);
    }
}
