using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.ContractAudit;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Contracts;

// Reads the contract audit projection ("contracts"): one "contract" document per contract, newest
// activity first, and "summary" totals by version and by month signed. Every filter is a jsonb
// containment on the documents, so paging stays in the store.
public sealed class ContractsQuery(DocumentReader reader)
{
    public const string Projection = "contracts";
    public const int PerPage = 25;

    public async Task<ContractsView> ReadAsync(ContractsFilter filter, CancellationToken ct)
    {
        var totals = (await reader.GetAsync(Projection, ContractAuditProjection.SummaryId, ct))?.As<ContractTotalsDocument>();
        var contains = DocumentListing.Contains(
            ("status", filter.ValidStatus),
            ("version", DocumentListing.NullIfBlank(filter.Version)),
            ("signedMonth", DocumentListing.NullIfBlank(filter.Month)),
            ("ageGroup", Club.ValidAgeGroup(filter.Age)));
        var search = DocumentListing.NullIfBlank(filter.Q);
        var page = filter.PageNumber;
        var slice = await DocumentListing.PageAsync(reader, Projection, ["contract"], contains, search, (page - 1) * PerPage, PerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, PerPage);
        if (page > pageCount)
        {
            page = pageCount;
            slice = await DocumentListing.PageAsync(reader, Projection, ["contract"], contains, search, (page - 1) * PerPage, PerPage, ct);
        }

        var contracts = slice.Documents.Select(d => d.As<ContractDocument>()).ToList();
        return new ContractsView(filter, totals, contracts, slice.Total, contracts.Where(c => c.Status == "signed").Sum(c => (long)c.AmountCents),
            page, pageCount);
    }
}
