using Westside.Projections.ReadModel.Projections.Jerseys;

namespace Westside.Projections.Projector.Tests.Differential;

// Jerseys, asked of the source: per player the payments netted (a refund is a negative row; paid means
// the net is above zero), per group of players (a team, or no team) the counts and the totals by method,
// the group paged 100 players at a time with unpaid players first, and club totals with cash by recorder.
public sealed class JerseysOracle : IProjectionOracle
{
    private const int PageSize = 100;

    public string Projection => "jerseys";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct) =>
        (await ExpectedAsync(context, ct)).DifferencesFrom(context.Documents);

    // The documents the projection should hold (TodayToolCheck reads the summary too).
    public async Task<ExpectedDocumentSet> ExpectedAsync(OracleContext context, CancellationToken ct)
    {
        var players = await context.RowsAsync("""
            select p.id, p.team_id, p.first_name, p.last_name, p.jersey_size, p.jersey_number, p.contract_status,
                   coalesce(sum(j.amount_cents), 0)::bigint,
                   coalesce(array_agg(distinct j.method collate "C" order by j.method collate "C")
                            filter (where j.id is not null), '{}'),
                   max(j.paid_at) filter (where j.amount_cents > 0),
                   coalesce(array_agg(distinct j.recorded_by collate "C" order by j.recorded_by collate "C")
                            filter (where j.method = 'cash' and j.recorded_by ~ '\S'), '{}')
            from players p left join jersey_payments j on j.player_id = p.id
            group by p.id
            """,
            r => new PlayerRow(
                r.GetInt32(0), r.IntOrNull(1), r.GetString(2), r.GetString(3), r.TextOrNull(4), r.IntOrNull(5), r.GetString(6),
                r.GetInt64(7), r.GetFieldValue<string[]>(8), r.TimeOrNull(9), r.GetFieldValue<string[]>(10)),
            ct);
        var payments = (await context.RowsAsync("""
            select player_id, id, amount_cents, method, paid_at, recorded_by, note
            from jersey_payments order by player_id, paid_at, id
            """,
            r => (PlayerId: r.GetInt32(0), Payment: new JerseyPayment(
                r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.Time(4), r.TextOrNull(5), r.TextOrNull(6), r.GetInt32(2) < 0)),
            ct)).ToLookup(x => x.PlayerId, x => x.Payment);
        var groups = await context.RowsAsync("""
            with standing as (
                select p.id, p.team_id, coalesce(sum(j.amount_cents), 0) as net
                from players p left join jersey_payments j on j.player_id = p.id
                group by p.id)
            select s.team_id, t.name, t.age_group, count(*)::int, (count(*) filter (where s.net > 0))::int, sum(s.net)::bigint
            from standing s left join teams t on t.id = s.team_id
            group by s.team_id, t.name, t.age_group
            """,
            r => new GroupRow(r.IntOrNull(0), r.TextOrNull(1), r.TextOrNull(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5)),
            ct);
        var groupMethods = (await context.RowsAsync("""
            select p.team_id, j.method,
                   (count(*) filter (where j.amount_cents >= 0))::int, (count(*) filter (where j.amount_cents < 0))::int,
                   sum(j.amount_cents)::bigint
            from jersey_payments j join players p on p.id = j.player_id
            group by p.team_id, j.method
            order by j.method collate "C"
            """,
            r => (TeamId: r.IntOrNull(0), Total: new JerseyMethodTotal(r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4))),
            ct)).ToLookup(x => x.TeamId, x => x.Total);

        var expected = new ExpectedDocumentSet();
        var byTeam = players.ToLookup(p => p.TeamId);
        foreach (var group in groups)
        {
            var members = byTeam[group.TeamId]
                .OrderBy(p => p.NetCents > 0)
                .ThenBy(p => SourceQuery.Fold(p.LastName), StringComparer.Ordinal)
                .ThenBy(p => SourceQuery.Fold(p.FirstName), StringComparer.Ordinal)
                .ThenBy(p => p.Id)
                .Select(p => ToJerseyPlayer(p, payments[p.Id]))
                .ToList();
            var pageCount = (members.Count + PageSize - 1) / PageSize;
            for (var page = 1; page <= pageCount; page++)
            {
                var slice = members.Skip((page - 1) * PageSize).Take(PageSize).ToList();
                if (page == 1)
                {
                    expected.Add(SourceQuery.TeamKey(group.TeamId), "team", new JerseyTeamDocument(
                        group.TeamId, group.TeamName, group.AgeGroup, group.PlayerCount, group.PaidCount,
                        group.PlayerCount - group.PaidCount, group.NetCents, groupMethods[group.TeamId].ToList(),
                        page, pageCount, slice));
                }
                else
                {
                    expected.Add(SourceQuery.PageId(group.TeamId, page), "team-page",
                        new JerseyPageDocument(group.TeamId, group.AgeGroup, page, pageCount, slice));
                }
            }
        }

        // Teams with the most unpaid players first, then name, then id.
        expected.ExpectOrder("team", groups
            .OrderByDescending(g => g.PlayerCount - g.PaidCount)
            .ThenBy(g => SourceQuery.Fold(g.TeamName), StringComparer.Ordinal)
            .ThenBy(g => g.TeamId ?? 0)
            .Select(g => SourceQuery.TeamKey(g.TeamId)));

        if (players.Count > 0)
        {
            expected.Add("summary", "summary", await SummaryAsync(context, ct));
        }

        return expected;
    }

    private static async Task<JerseySummaryDocument> SummaryAsync(OracleContext context, CancellationToken ct)
    {
        var counts = (await context.RowsAsync("""
            select count(*)::int,
                   (count(*) filter (where (select coalesce(sum(j.amount_cents), 0) from jersey_payments j where j.player_id = p.id) > 0))::int
            from players p
            """,
            r => (Players: r.GetInt32(0), Paid: r.GetInt32(1)),
            ct)).Single();
        var money = (await context.RowsAsync("""
            select coalesce(sum(amount_cents), 0)::bigint,
                   coalesce(sum(amount_cents) filter (where amount_cents >= 0), 0)::bigint,
                   coalesce(-sum(amount_cents) filter (where amount_cents < 0), 0)::bigint
            from jersey_payments
            """,
            r => (Net: r.GetInt64(0), Collected: r.GetInt64(1), Refunded: r.GetInt64(2)),
            ct)).Single();
        var methods = await context.RowsAsync("""
            select method, (count(*) filter (where amount_cents >= 0))::int, (count(*) filter (where amount_cents < 0))::int,
                   sum(amount_cents)::bigint
            from jersey_payments group by method order by method collate "C"
            """,
            r => new JerseyMethodTotal(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3)),
            ct);
        var recorders = await context.RowsAsync("""
            select recorded_by, count(*)::int, sum(amount_cents)::bigint
            from jersey_payments where method = 'cash' and recorded_by ~ '\S'
            group by recorded_by order by recorded_by collate "C"
            """,
            r => new JerseyRecorder(r.GetString(0), r.GetInt32(1), r.GetInt64(2)),
            ct);
        return new JerseySummaryDocument(
            counts.Players, counts.Paid, counts.Players - counts.Paid, money.Net, money.Collected, money.Refunded, methods, recorders);
    }

    private static JerseyPlayer ToJerseyPlayer(PlayerRow p, IEnumerable<JerseyPayment> payments) =>
        new(p.Id, p.FirstName, p.LastName, p.JerseySize, p.JerseyNumber, p.ContractStatus, p.NetCents > 0, p.NetCents,
            p.Methods, p.LastPaidAt, p.CashRecordedBy, payments.ToList());

    private sealed record PlayerRow(
        int Id, int? TeamId, string FirstName, string LastName, string? JerseySize, int? JerseyNumber, string ContractStatus,
        long NetCents, string[] Methods, DateTimeOffset? LastPaidAt, string[] CashRecordedBy);

    private sealed record GroupRow(int? TeamId, string? TeamName, string? AgeGroup, int PlayerCount, int PaidCount, long NetCents);
}
