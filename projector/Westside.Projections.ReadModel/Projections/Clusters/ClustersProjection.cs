using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Clusters;

// Story "clusters": parents with two or more unsigned kids surface automatically, so one call
// settles several contracts. Sort: most unsigned kids first, then parent last name, first name, id.
public sealed class ClustersProjection : IProjection
{
    public const int MinimumUnsigned = 2;
    public const string SummaryId = "summary";
    private const string ParentPrefix = "parent:";

    public string Name => "clusters";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            documentIds.Add(ParentId(player.ParentId));
            documentIds.Add(SummaryId);
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            documentIds.Add(ParentId(parent.Id));
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            foreach (var player in state.PlayersOfTeam(teamId))
            {
                documentIds.Add(ParentId(player.ParentId));
            }
        }

        foreach (var contract in EventRows.Contracts(state, domainEvent))
        {
            if (state.Player(contract.PlayerId) is { } player)
            {
                documentIds.Add(ParentId(player.ParentId));
            }
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == SummaryId)
        {
            return RenderSummary(state);
        }

        return documentId.StartsWith(ParentPrefix, StringComparison.Ordinal)
            && int.TryParse(documentId.AsSpan(ParentPrefix.Length), out var parentId)
            && ParentId(parentId) == documentId
            ? RenderCluster(state, parentId)
            : null;
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        var parents = state.PlayersByParent.Keys.Where(id => UnsignedKids(state, id) >= MinimumUnsigned).Order().ToList();
        if (parents.Count > 0)
        {
            yield return SummaryId;
        }

        foreach (var parentId in parents)
        {
            yield return ParentId(parentId);
        }
    }

    private static ProjectedDocument? RenderCluster(ClubState state, int parentId)
    {
        var kids = state.PlayersOfParent(parentId).Select(p => ToKid(state, p)).ToList();
        var unsigned = kids.Count(k => k.Unsigned);
        if (unsigned < MinimumUnsigned)
        {
            return null;
        }

        var ordered = kids
            .OrderBy(k => k.Unsigned ? 0 : 1)
            .ThenBy(k => StatusRank(k.ContractStatus))
            .ThenBy(k => k.ContractSentAt ?? DateTimeOffset.MaxValue)
            .ThenBy(k => k.FirstName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(k => k.PlayerId)
            .ToList();
        var parent = state.Parent(parentId);
        var data = new ClusterDocument(
            parentId, parent?.FirstName, parent?.LastName,
            ClubFacts.HasText(parent?.Email) ? parent!.Email : null,
            ClubFacts.HasText(parent?.Phone) ? parent!.Phone : null,
            unsigned, kids.Count,
            kids.Where(k => k.Unsigned && k.TeamId is not null).Select(k => k.TeamId!.Value).Distinct().Order().ToList(),
            kids.Where(k => k.Unsigned && k.AgeGroup is not null).Select(k => k.AgeGroup!).Distinct().Order(StringComparer.Ordinal).ToList(),
            ordered);
        var sortKey = SortKeys.Join(
            SortKeys.Descending(unsigned), SortKeys.Text(parent?.LastName), SortKeys.Text(parent?.FirstName), SortKeys.Id(parentId));
        var search = SearchText.Of(kids.SelectMany(k => new[] { k.FirstName, k.LastName }).Prepend(parent?.LastName).Prepend(parent?.FirstName));
        return new ProjectedDocument("cluster", sortKey, search, data);
    }

    // Exists while at least one cluster does; only player events change which parents are clusters.
    private static ProjectedDocument? RenderSummary(ClubState state)
    {
        var sizes = state.PlayersByParent.Keys
            .Select(id => UnsignedKids(state, id))
            .Where(n => n >= MinimumUnsigned)
            .ToList();
        if (sizes.Count == 0)
        {
            return null;
        }

        var bySize = sizes.GroupBy(n => n).OrderByDescending(g => g.Key).Select(g => new ClusterSize(g.Key, g.Count())).ToList();
        return new ProjectedDocument("summary", "", "", new ClusterSummaryDocument(sizes.Count, sizes.Sum(), bySize));
    }

    private static ClusterKid ToKid(ClubState state, PlayerRow player)
    {
        var team = state.Team(player.TeamId);
        var unsigned = ClubFacts.IsUnsigned(player.ContractStatus);
        var contract = unsigned ? state.LatestLiveContract(player.Id) : null;
        return new ClusterKid(
            player.Id, player.FirstName, player.LastName, player.TeamId, team?.Name, team?.AgeGroup,
            player.ContractStatus, unsigned, contract?.SentAt);
    }

    private static int UnsignedKids(ClubState state, int parentId) =>
        state.PlayersOfParent(parentId).Count(p => ClubFacts.IsUnsigned(p.ContractStatus));

    private static int StatusRank(string status) => status switch
    {
        ClubFacts.Sent => 0,
        ClubFacts.Declined => 1,
        ClubFacts.None => 2,
        _ => 3,
    };

    private static string ParentId(int parentId) => ParentPrefix + parentId;
}
