using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.ContractAudit;

// Story "audit": signed contracts by date, version and amount, voided and re-sent ones visible.
// Months are UTC calendar months of signed_at.
public sealed class ContractAuditProjection : IProjection
{
    public const string SummaryId = "summary";
    private const string ContractPrefix = "contract:";

    public string Name => "contracts";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var contract in EventRows.Contracts(state, domainEvent))
        {
            documentIds.Add(ContractId(contract.Id));
            AddPlayer(state, contract.PlayerId, documentIds);
            documentIds.Add(SummaryId);
        }

        foreach (var player in EventRows.Players(state, domainEvent))
        {
            AddPlayer(state, player.Id, documentIds);
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            foreach (var player in state.PlayersOfTeam(teamId))
            {
                AddPlayer(state, player.Id, documentIds);
            }
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == SummaryId)
        {
            return RenderTotals(state);
        }

        return documentId.StartsWith(ContractPrefix, StringComparison.Ordinal)
            && int.TryParse(documentId.AsSpan(ContractPrefix.Length), out var id)
            && ContractId(id) == documentId
            && state.Contracts.TryGetValue(id, out var contract)
            ? RenderContract(state, contract)
            : null;
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        if (state.Contracts.Count > 0)
        {
            yield return SummaryId;
        }

        foreach (var id in state.Contracts.Keys.Order())
        {
            yield return ContractId(id);
        }
    }

    private static ProjectedDocument RenderContract(ClubState state, ContractRow contract)
    {
        var player = state.Player(contract.PlayerId);
        var team = state.Team(player?.TeamId);
        var history = state.ContractsOf(contract.PlayerId)
            .OrderBy(c => c.SentAt)
            .ThenBy(c => c.Id)
            .ToList();
        var position = history.FindIndex(c => c.Id == contract.Id);
        var data = new ContractDocument(
            contract.Id, contract.PlayerId, player?.FirstName, player?.LastName, player?.ContractStatus,
            player?.TeamId, team?.Name, team?.AgeGroup,
            contract.Version, contract.AmountCents, contract.Status, contract.SentAt, contract.SignedAt, contract.DeclinedAt,
            contract.SignerName,
            contract is { Status: ClubFacts.Signed, SignedAt: { } signedAt } ? ClubFacts.Month(signedAt) : null,
            position > 0,
            position >= 0 && position < history.Count - 1 ? history[position + 1].Id : null,
            history.Select(c => new ContractHistoryItem(c.Id, c.Version, c.Status, c.AmountCents, c.SentAt, c.SignedAt, c.DeclinedAt)).ToList());
        var latest = contract.SignedAt ?? contract.DeclinedAt ?? contract.SentAt;
        return new ProjectedDocument(
            "contract",
            SortKeys.Join(SortKeys.TimeDescending(latest), SortKeys.Id(contract.Id)),
            SearchText.Of(player?.FirstName, player?.LastName, contract.SignerName, contract.Version),
            data);
    }

    // Exists while there are contracts; only contract events change it.
    private static ProjectedDocument? RenderTotals(ClubState state)
    {
        if (state.Contracts.Count == 0)
        {
            return null;
        }

        var contracts = state.Contracts.Values.ToList();
        var signed = contracts.Where(c => c.Status == ClubFacts.Signed).ToList();
        var byVersion = contracts
            .GroupBy(c => c.Version, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ContractVersionTotal(
                g.Key,
                g.Count(c => c.Status == ClubFacts.Sent),
                g.Count(c => c.Status == ClubFacts.Signed),
                g.Count(c => c.Status == ClubFacts.Declined),
                g.Count(c => c.Status == ClubFacts.Voided),
                g.Where(c => c.Status == ClubFacts.Signed).Sum(c => (long)c.AmountCents)))
            .ToList();
        var byMonth = signed
            .Where(c => c.SignedAt is not null)
            .GroupBy(c => ClubFacts.Month(c.SignedAt!.Value), StringComparer.Ordinal)
            .OrderByDescending(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ContractMonthTotal(g.Key, g.Count(), g.Sum(c => (long)c.AmountCents)))
            .ToList();
        var data = new ContractTotalsDocument(
            contracts.Count,
            contracts.Count(c => c.Status == ClubFacts.Sent),
            signed.Count,
            contracts.Count(c => c.Status == ClubFacts.Declined),
            contracts.Count(c => c.Status == ClubFacts.Voided),
            signed.Sum(c => (long)c.AmountCents),
            contracts.GroupBy(c => c.PlayerId).Count(g => g.Count() > 1),
            byVersion,
            byMonth);
        return new ProjectedDocument("summary", "", "", data);
    }

    private static void AddPlayer(ClubState state, int playerId, ISet<string> documentIds)
    {
        foreach (var id in state.ContractsByPlayer[playerId])
        {
            documentIds.Add(ContractId(id));
        }
    }

    private static string ContractId(int id) => ContractPrefix + id;
}
