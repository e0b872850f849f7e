using Westside.Projections.ReadModel.Projections.Dues;

namespace Westside.Projections.Projector.Tests.Differential;

// Monthly dues, asked of the source: a player's standing is decided by their subscriptions (past due
// over active over canceled, else none; the deciding one is the first by that rank, then period end,
// then id); per group of players the counts and amounts, paged 100 at a time, past due first; one
// past-due document per past-due subscription with the paying parent's contact; club totals.
public sealed class DuesOracle : IProjectionOracle
{
    private const int PageSize = 100;

    // The rank of a subscription status, in SQL: the lowest rank decides a player's standing.
    private const string Rank = "case s.status when 'past_due' then 0 when 'active' then 1 when 'canceled' then 2 else 3 end";

    public string Projection => "dues";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct) =>
        (await ExpectedAsync(context, ct)).DifferencesFrom(context.Documents);

    // The documents the projection should hold (TodayToolCheck reads the summary too).
    public async Task<ExpectedDocumentSet> ExpectedAsync(OracleContext context, CancellationToken ct)
    {
        var subscriptions = (await context.RowsAsync($"""
            select s.player_id, s.id, s.parent_id, s.plan, s.status, s.amount_cents, s.current_period_end
            from subscriptions s order by s.player_id, {Rank}, s.current_period_end, s.id
            """,
            r => (PlayerId: r.GetInt32(0), Subscription: new DuesSubscription(
                r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.Date(6))),
            ct)).ToLookup(x => x.PlayerId, x => x.Subscription);
        var players = await context.RowsAsync($"""
            select p.id, p.team_id, p.first_name, p.last_name, coalesce(d.status, 'none'), d.current_period_end, d.amount_cents
            from players p left join lateral (
                select s.status, s.current_period_end, s.amount_cents from subscriptions s
                where s.player_id = p.id order by {Rank}, s.current_period_end, s.id limit 1) d on true
            """,
            r => (TeamId: r.IntOrNull(1), Player: new DuesPlayer(
                r.GetInt32(0), r.GetString(2), r.GetString(3), r.GetString(4), r.DateOrNull(5), r.IntOrNull(6), [])),
            ct);
        var groups = await context.RowsAsync($"""
            with standing as (
                select p.id, p.team_id,
                       case min({Rank}) when 0 then 'past_due' when 1 then 'active' when 2 then 'canceled' else 'none' end as status,
                       coalesce(sum(s.amount_cents) filter (where s.status = 'active'), 0) as active_cents,
                       coalesce(sum(s.amount_cents) filter (where s.status = 'past_due'), 0) as past_due_cents
                from players p left join subscriptions s on s.player_id = p.id
                group by p.id)
            select d.team_id, t.name, t.age_group, count(*)::int,
                   (count(*) filter (where d.status = 'active'))::int, (count(*) filter (where d.status = 'past_due'))::int,
                   (count(*) filter (where d.status = 'canceled'))::int, (count(*) filter (where d.status = 'none'))::int,
                   sum(d.active_cents)::bigint, sum(d.past_due_cents)::bigint
            from standing d left join teams t on t.id = d.team_id
            group by d.team_id, t.name, t.age_group
            """,
            r => new GroupRow(
                r.IntOrNull(0), r.TextOrNull(1), r.TextOrNull(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
                r.GetInt32(7), r.GetInt64(8), r.GetInt64(9)),
            ct);

        var expected = new ExpectedDocumentSet();
        var byTeam = players.ToLookup(p => p.TeamId, p => p.Player with { Subscriptions = subscriptions[p.Player.PlayerId].ToList() });
        foreach (var group in groups)
        {
            var members = byTeam[group.TeamId]
                .OrderBy(p => DisplayRank(p.Status))
                .ThenBy(p => p.Status == "past_due" ? p.CurrentPeriodEnd : null)
                .ThenBy(p => SourceQuery.Fold(p.LastName), StringComparer.Ordinal)
                .ThenBy(p => SourceQuery.Fold(p.FirstName), StringComparer.Ordinal)
                .ThenBy(p => p.PlayerId)
                .ToList();
            var pageCount = (members.Count + PageSize - 1) / PageSize;
            for (var page = 1; page <= pageCount; page++)
            {
                var slice = members.Skip((page - 1) * PageSize).Take(PageSize).ToList();
                if (page == 1)
                {
                    expected.Add(SourceQuery.TeamKey(group.TeamId), "team", new DuesTeamDocument(
                        group.TeamId, group.TeamName, group.AgeGroup, group.PlayerCount, group.Active, group.PastDue, group.Canceled,
                        group.None, group.ActiveCents, group.PastDueCents, page, pageCount, slice));
                }
                else
                {
                    expected.Add(SourceQuery.PageId(group.TeamId, page), "team-page",
                        new DuesPageDocument(group.TeamId, group.AgeGroup, page, pageCount, slice));
                }
            }
        }

        // Teams with the most past-due players first, then name, then id.
        expected.ExpectOrder("team", groups
            .OrderByDescending(g => g.PastDue)
            .ThenBy(g => SourceQuery.Fold(g.TeamName), StringComparer.Ordinal)
            .ThenBy(g => g.TeamId ?? 0)
            .Select(g => SourceQuery.TeamKey(g.TeamId)));

        var pastDue = await PastDueAsync(context, ct);
        foreach (var document in pastDue)
        {
            expected.Add($"past-due:{document.SubscriptionId}", "past-due", document);
        }

        // The query's order: oldest period end first, then id.
        expected.ExpectOrder("past-due", pastDue.Select(d => $"past-due:{d.SubscriptionId}"));

        if (players.Count > 0 || subscriptions.Count > 0)
        {
            expected.Add("summary", "summary", await SummaryAsync(context, ct));
        }

        return expected;
    }

    private static Task<List<PastDueDocument>> PastDueAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync("""
            select s.id, s.player_id, p.first_name, p.last_name, p.team_id, t.name, t.age_group,
                   s.parent_id, pa.first_name, pa.last_name,
                   case when pa.email ~ '\S' then pa.email end, case when pa.phone ~ '\S' then pa.phone end,
                   s.plan, s.amount_cents, s.current_period_end
            from subscriptions s
                left join players p on p.id = s.player_id
                left join teams t on t.id = p.team_id
                left join parents pa on pa.id = s.parent_id
            where s.status = 'past_due'
            order by s.current_period_end, s.id
            """,
            r => new PastDueDocument(
                r.GetInt32(0), r.GetInt32(1), r.TextOrNull(2), r.TextOrNull(3), r.IntOrNull(4), r.TextOrNull(5), r.TextOrNull(6),
                r.GetInt32(7), r.TextOrNull(8), r.TextOrNull(9), r.TextOrNull(10), r.TextOrNull(11), r.GetString(12), r.GetInt32(13),
                r.Date(14)),
            ct);

    private static async Task<DuesSummaryDocument> SummaryAsync(OracleContext context, CancellationToken ct) =>
        (await context.RowsAsync($"""
            with standing as (
                select p.id,
                       case min({Rank}) when 0 then 'past_due' when 1 then 'active' when 2 then 'canceled' else 'none' end as status
                from players p left join subscriptions s on s.player_id = p.id
                group by p.id),
            players_by_status as (
                select count(*)::int as players,
                       (count(*) filter (where status = 'active'))::int as active,
                       (count(*) filter (where status = 'past_due'))::int as past_due,
                       (count(*) filter (where status = 'canceled'))::int as canceled,
                       (count(*) filter (where status = 'none'))::int as no_subscription
                from standing),
            subscriptions_by_status as (
                select count(*)::int as subscriptions,
                       (count(*) filter (where s.status = 'active'))::int as active,
                       (count(*) filter (where s.status = 'past_due'))::int as past_due,
                       (count(*) filter (where s.status = 'canceled'))::int as canceled,
                       coalesce(sum(s.amount_cents) filter (where s.status = 'active'), 0)::bigint as active_cents,
                       coalesce(sum(s.amount_cents) filter (where s.status = 'past_due'), 0)::bigint as past_due_cents
                from subscriptions s)
            select p.players, p.active, p.past_due, p.canceled, p.no_subscription,
                   s.subscriptions, s.active, s.past_due, s.canceled, s.active_cents, s.past_due_cents
            from players_by_status p cross join subscriptions_by_status s
            """,
            r => new DuesSummaryDocument(
                r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
                r.GetInt32(8), r.GetInt64(9), r.GetInt64(10)),
            ct)).Single();

    // How a team's list reads: past due, canceled, no subscription, then active.
    private static int DisplayRank(string status) => status switch
    {
        "past_due" => 0,
        "canceled" => 1,
        "none" => 2,
        _ => 3,
    };

    private sealed record GroupRow(
        int? TeamId, string? TeamName, string? AgeGroup, int PlayerCount, int Active, int PastDue, int Canceled, int None,
        long ActiveCents, long PastDueCents);
}
