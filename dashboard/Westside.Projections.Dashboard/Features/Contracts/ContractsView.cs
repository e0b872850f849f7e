using Westside.Projections.ReadModel.Projections.ContractAudit;

namespace Westside.Projections.Dashboard.Features.Contracts;

public sealed record ContractsView(
    ContractsFilter Filter,
    ContractTotalsDocument? Totals,
    IReadOnlyList<ContractDocument> Contracts,
    long Matching,
    long MatchingSignedCents,
    int Page,
    int PageCount);
