using Westside.Projections.ReadModel.Projections.Clusters;

namespace Westside.Projections.Projector.Tests.Differential;

// "Which parents have two or more unsigned kids", asked of the source in SQL: per parent the unsigned
// and total kids, the teams and age groups of the unsigned ones, every kid with team and (unsigned only)
// the sent date of the latest non-voided contract; a summary of clusters by size, largest first.
// Kids' order: unsigned first; then 'sent', 'declined', 'none'; oldest sent date first; first name
// (case-insensitive), player id. Clusters sort by size, then parent last name, first name, id.
public sealed class ClustersOracle : IProjectionOracle
{
    private const string Unsigned = "p.contract_status in ('none', 'sent', 'declined')";

    public string Projection => "clusters";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct) =>
        (await ExpectedAsync(context, ct)).DifferencesFrom(context.Documents);

    // The documents the projection should hold (TodayToolCheck reads the summary too).
    public async Task<ExpectedDocumentSet> ExpectedAsync(OracleContext context, CancellationToken ct)
    {
        var expected = new ExpectedDocumentSet();
        var kids = await KidsAsync(context, ct);
        var bySize = new SortedDictionary<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var parent in await ParentsAsync(context, ct))
        {
            var family = kids.Where(k => k.ParentId == parent.ParentId).Select(k => k.Kid).ToList();
            family.Sort(Order);
            expected.Add(
                $"parent:{parent.ParentId}",
                "cluster",
                new ClusterDocument(
                    parent.ParentId, parent.FirstName, parent.LastName, parent.Email, parent.Phone, parent.Unsigned,
                    parent.Kids, parent.TeamIds, parent.AgeGroups, family),
                sortKey: $"{999_999_999 - parent.Unsigned:D9} {parent.LastName?.ToLowerInvariant()} {parent.FirstName?.ToLowerInvariant()} {parent.ParentId:D12}");
            bySize[parent.Unsigned] = bySize.GetValueOrDefault(parent.Unsigned) + 1;
        }

        if (bySize.Count > 0)
        {
            expected.Add("summary", "summary", new ClusterSummaryDocument(
                bySize.Values.Sum(), bySize.Sum(s => s.Key * s.Value), bySize.Select(s => new ClusterSize(s.Key, s.Value)).ToList()),
                sortKey: "");
        }

        return expected;
    }

    private static Task<List<Parent>> ParentsAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync($"""
            select p.parent_id, par.first_name, par.last_name, par.email, par.phone,
                   count(*) filter (where {Unsigned})::int,
                   count(*)::int,
                   coalesce(array_agg(distinct p.team_id order by p.team_id) filter (where {Unsigned} and p.team_id is not null), '{"{}"}'),
                   coalesce(array_agg(distinct t.age_group collate "C" order by t.age_group collate "C") filter (where {Unsigned} and t.age_group is not null), '{"{}"}')
            from players p
            left join parents par on par.id = p.parent_id
            left join teams t on t.id = p.team_id
            group by p.parent_id, par.id
            having count(*) filter (where {Unsigned}) >= 2
            """,
            r => new Parent(
                r.GetInt32(0), r.TextOrNull(1), r.TextOrNull(2), r.ContactOrNull(3), r.ContactOrNull(4),
                r.GetInt32(5), r.GetInt32(6), r.GetFieldValue<int[]>(7), r.GetFieldValue<string[]>(8)),
            ct);

    private static Task<List<(int ParentId, ClusterKid Kid)>> KidsAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync($"""
            with live as (
                select distinct on (player_id) player_id, sent_at
                from contracts
                where status <> 'voided'
                order by player_id, sent_at desc, id desc),
            clusters as (
                select p.parent_id from players p group by p.parent_id having count(*) filter (where {Unsigned}) >= 2)
            select p.parent_id, p.id, p.first_name, p.last_name, p.team_id, t.name, t.age_group, p.contract_status,
                   {Unsigned}, case when {Unsigned} then l.sent_at end
            from players p
            join clusters c on c.parent_id = p.parent_id
            left join teams t on t.id = p.team_id
            left join live l on l.player_id = p.id
            """,
            r => (r.GetInt32(0), new ClusterKid(
                r.GetInt32(1), r.GetString(2), r.GetString(3), r.IntOrNull(4), r.TextOrNull(5), r.TextOrNull(6), r.GetString(7),
                r.GetBoolean(8), r.TimeOrNull(9))),
            ct);

    private static int Order(ClusterKid x, ClusterKid y)
    {
        var c = (x.Unsigned ? 0 : 1).CompareTo(y.Unsigned ? 0 : 1);
        c = c != 0 ? c : Rank(x.ContractStatus).CompareTo(Rank(y.ContractStatus));
        c = c != 0 ? c : (x.ContractSentAt ?? DateTimeOffset.MaxValue).CompareTo(y.ContractSentAt ?? DateTimeOffset.MaxValue);
        c = c != 0 ? c : string.CompareOrdinal(x.FirstName.ToLowerInvariant(), y.FirstName.ToLowerInvariant());
        return c != 0 ? c : x.PlayerId.CompareTo(y.PlayerId);
    }

    private static int Rank(string status) => status switch
    {
        "sent" => 0,
        "declined" => 1,
        "none" => 2,
        _ => 3,
    };

    private sealed record Parent(
        int ParentId, string? FirstName, string? LastName, string? Email, string? Phone, int Unsigned, int Kids,
        IReadOnlyList<int> TeamIds, IReadOnlyList<string> AgeGroups);
}
