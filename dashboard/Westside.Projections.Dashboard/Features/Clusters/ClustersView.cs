using Westside.Projections.ReadModel.Projections.Clusters;

namespace Westside.Projections.Dashboard.Features.Clusters;

public sealed record ClustersView(
    ClustersFilter Filter,
    ClusterSummaryDocument? Summary,
    IReadOnlyList<ClusterDocument> Clusters,
    long Matching,
    int Page,
    int PageCount);
