using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Cohorts;

// Who is in one cohort, by scope ("all", "team:3", "age:12U", ...) and, for wide scopes, by parent-id
// page. Kept on the state for one version (ClubState.Derived): rendering a cohort's heads and pages and
// listing its document ids then walk the club's players once per cohort, not once per document (at
// 50,000 players a cohort has about 500 documents, and each used to scan its scope).
public sealed class CohortMembership
{
    private readonly Dictionary<string, List<PlayerRow>> _byScope = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, int Page), List<PlayerRow>> _byPage = [];

    private CohortMembership()
    {
    }

    // Scope ids with at least one member, ordinal order.
    public IEnumerable<string> ScopeIds => _byScope.Keys.Order(StringComparer.Ordinal);

    public static CohortMembership Of(ClubState state, Cohort cohort, int bucketSize) =>
        state.Derived($"cohort-members:{bucketSize}:{cohort.Name}", s => Build(s, cohort, bucketSize));

    public IReadOnlyList<PlayerRow> Members(CohortScope scope) =>
        _byScope.TryGetValue(scope.Id, out var members) ? members : [];

    // The members of a wide scope whose parent id is in page `page` (ids page * bucketSize and on).
    public IReadOnlyList<PlayerRow> Page(CohortScope scope, int page) =>
        _byPage.TryGetValue((scope.Id, page), out var members) ? members : [];

    // The pages of a wide scope that have members, ascending.
    public IEnumerable<int> Pages(string scopeId) =>
        _byPage.Keys.Where(k => k.Scope == scopeId).Select(k => k.Page).Order();

    private static CohortMembership Build(ClubState state, Cohort cohort, int bucketSize)
    {
        var membership = new CohortMembership();
        foreach (var player in state.Players.Values.Where(p => cohort.Includes(state, p)))
        {
            foreach (var scope in CohortScope.Of(state, player))
            {
                Add(membership._byScope, scope.Id, player);
                if (scope.IsWide && player.ParentId >= 0)
                {
                    Add(membership._byPage, (scope.Id, player.ParentId / bucketSize), player);
                }
            }
        }

        return membership;
    }

    private static void Add<TKey>(Dictionary<TKey, List<PlayerRow>> index, TKey key, PlayerRow player)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(player);
    }
}
