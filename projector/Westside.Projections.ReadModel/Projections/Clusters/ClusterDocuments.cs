namespace Westside.Projections.ReadModel.Projections.Clusters;

// "parent:{id}" (kind "cluster"): a parent with two or more unsigned kids, with every kid
// (unsigned first, in triage order), their teams and statuses. Largest clusters first.
public sealed record ClusterDocument(
    int ParentId,
    string? ParentFirstName,
    string? ParentLastName,
    string? Email,
    string? Phone,
    int UnsignedCount,
    int KidCount,
    IReadOnlyList<int> TeamIds,
    IReadOnlyList<string> AgeGroups,
    IReadOnlyList<ClusterKid> Kids);

public sealed record ClusterKid(
    int PlayerId,
    string FirstName,
    string LastName,
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    string ContractStatus,
    bool Unsigned,
    DateTimeOffset? ContractSentAt);

// "summary" (kind "summary"): how many clusters, of which sizes.
public sealed record ClusterSummaryDocument(int ClusterCount, int UnsignedPlayersInClusters, IReadOnlyList<ClusterSize> BySize);

public sealed record ClusterSize(int UnsignedKids, int Parents);
