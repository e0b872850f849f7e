using Westside.Projections.ReadModel.Projections.Triage;

namespace Westside.Projections.Projector.Tests.Differential;

// "Who has not signed, by team, most actionable first", asked of the source in SQL: unsigned players
// ('none', 'sent', 'declined') grouped by players.team_id, each with the latest non-voided contract
// (by sent_at, then id) and the parent's contact; counts per group and club-wide.
// Order inside a group (the story's order): 'sent' longest waiting first, then 'declined', then 'none';
// ties by last name, first name (case-insensitive), player id.
public sealed class TriageOracle : IProjectionOracle
{
    // The catalog's page size (TriageProjection's default): players per team document.
    private const int PageSize = 100;

    public string Projection => "triage";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct) =>
        (await ExpectedAsync(context, ct)).DifferencesFrom(context.Documents);

    // The documents the projection should hold (TodayToolCheck reads the summary too).
    public async Task<ExpectedDocumentSet> ExpectedAsync(OracleContext context, CancellationToken ct)
    {
        var expected = new ExpectedDocumentSet();
        if (await SummaryAsync(context, ct) is { } summary)
        {
            expected.Add("summary", "summary", summary, sortKey: "");
        }

        var players = await UnsignedPlayersAsync(context, ct);
        foreach (var group in await GroupsAsync(context, ct))
        {
            var members = players.Where(p => p.TeamId == group.TeamId).Select(p => p.Player).ToList();
            members.Sort(Order);
            var pageCount = (members.Count + PageSize - 1) / PageSize;
            var key = group.TeamId is { } id ? $"team:{id}" : "team:none";
            expected.Add(key, "team",
                new TriageTeamDocument(
                    group.TeamId, group.TeamName, group.AgeGroup, group.Season, group.Gender, group.CoachName,
                    group.Players, group.Unsigned, group.Sent, group.Declined, group.None, group.Statuses,
                    1, pageCount, members.Take(PageSize).ToList()),
                sortKey: $"{999_999_999 - group.Unsigned:D9} {group.TeamName?.ToLowerInvariant()} {group.TeamId ?? 0:D12}");
            for (var page = 2; page <= pageCount; page++)
            {
                expected.Add($"{key}/page:{page}", "team-page",
                    new TriagePageDocument(group.TeamId, group.AgeGroup, page, pageCount, members.Skip((page - 1) * PageSize).Take(PageSize).ToList()),
                    sortKey: $"{key} {page:D9}");
            }
        }

        return expected;
    }

    private static async Task<TriageSummaryDocument?> SummaryAsync(OracleContext context, CancellationToken ct) =>
        (await context.RowsAsync<TriageSummaryDocument?>("""
            select count(*)::int,
                   count(*) filter (where contract_status = 'signed')::int,
                   count(*) filter (where contract_status in ('none', 'sent', 'declined'))::int,
                   count(*) filter (where contract_status = 'sent')::int,
                   count(*) filter (where contract_status = 'declined')::int,
                   count(*) filter (where contract_status = 'none')::int,
                   count(distinct team_id) filter (where contract_status in ('none', 'sent', 'declined'))::int,
                   count(*) filter (where contract_status in ('none', 'sent', 'declined') and team_id is null)::int
            from players
            """,
            r => r.GetInt32(0) == 0
                ? null
                : new TriageSummaryDocument(
                    r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7)),
            ct)).Single();

    private static Task<List<Group>> GroupsAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync("""
            select p.team_id, t.name, t.age_group, t.season, t.gender, t.coach_name,
                   count(*)::int,
                   count(*) filter (where p.contract_status in ('none', 'sent', 'declined'))::int,
                   count(*) filter (where p.contract_status = 'sent')::int,
                   count(*) filter (where p.contract_status = 'declined')::int,
                   count(*) filter (where p.contract_status = 'none')::int,
                   array_agg(distinct p.contract_status collate "C" order by p.contract_status collate "C")
                       filter (where p.contract_status in ('none', 'sent', 'declined'))
            from players p
            left join teams t on t.id = p.team_id
            group by p.team_id, t.id
            having count(*) filter (where p.contract_status in ('none', 'sent', 'declined')) > 0
            """,
            r => new Group(
                r.IntOrNull(0), r.TextOrNull(1), r.TextOrNull(2), r.TextOrNull(3), r.TextOrNull(4), r.TextOrNull(5),
                r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetFieldValue<string[]>(11)),
            ct);

    private static Task<List<(int? TeamId, TriagePlayer Player)>> UnsignedPlayersAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync("""
            with live as (
                select distinct on (player_id) player_id, id, version, sent_at, declined_at
                from contracts
                where status <> 'voided'
                order by player_id, sent_at desc, id desc)
            select p.team_id, p.id, p.first_name, p.last_name, p.contract_status,
                   l.id, l.version, l.sent_at, l.declined_at,
                   p.parent_id, par.first_name, par.last_name, par.email, par.phone
            from players p
            left join parents par on par.id = p.parent_id
            left join live l on l.player_id = p.id
            where p.contract_status in ('none', 'sent', 'declined')
            """,
            r => (r.IntOrNull(0), new TriagePlayer(
                r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IntOrNull(5), r.TextOrNull(6), r.TimeOrNull(7), r.TimeOrNull(8),
                r.GetInt32(9), r.TextOrNull(10), r.TextOrNull(11), r.ContactOrNull(12), r.ContactOrNull(13))),
            ct);

    private static int Order(TriagePlayer x, TriagePlayer y)
    {
        var byRank = Rank(x.ContractStatus).CompareTo(Rank(y.ContractStatus));
        if (byRank != 0)
        {
            return byRank;
        }

        if (x.ContractStatus == "sent")
        {
            var bySent = (x.ContractSentAt ?? DateTimeOffset.MaxValue).CompareTo(y.ContractSentAt ?? DateTimeOffset.MaxValue);
            if (bySent != 0)
            {
                return bySent;
            }
        }

        var byLast = string.CompareOrdinal(x.LastName.ToLowerInvariant(), y.LastName.ToLowerInvariant());
        if (byLast != 0)
        {
            return byLast;
        }

        var byFirst = string.CompareOrdinal(x.FirstName.ToLowerInvariant(), y.FirstName.ToLowerInvariant());
        return byFirst != 0 ? byFirst : x.PlayerId.CompareTo(y.PlayerId);
    }

    private static int Rank(string status) => status switch
    {
        "sent" => 0,
        "declined" => 1,
        _ => 2,
    };

    private sealed record Group(
        int? TeamId, string? TeamName, string? AgeGroup, string? Season, string? Gender, string? CoachName,
        int Players, int Unsigned, int Sent, int Declined, int None, IReadOnlyList<string> Statuses);
}
