using Westside.Projections.ReadModel.Projections.TeamProgress;

namespace Westside.Projections.Projector.Tests.Differential;

// Team progress, asked of the source in one grouped query: per group of players (a team, or no team) and
// for the whole club, the share signed (per mille, rounded down), jerseys paid (net above zero), dues
// standing (past due over active over canceled), the money signed (each signed player's latest signed
// contract, by signed_at or else sent_at, then id), the money outstanding (a player neither signed nor
// declined whose latest contract not voided, by sent_at then id, is still 'sent'), jersey money netted
// and dues amounts. Teams with the lowest share signed list first.
public sealed class ProgressOracle : IProjectionOracle
{
    public string Projection => "progress";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var rows = await context.RowsAsync("""
            with jersey as (
                select player_id, sum(amount_cents) as net from jersey_payments group by player_id),
            latest_signed as (
                select distinct on (player_id) player_id, amount_cents from contracts
                where status = 'signed'
                order by player_id, coalesce(signed_at, sent_at) desc, id desc),
            latest_live as (
                select distinct on (player_id) player_id, status, amount_cents from contracts
                where status <> 'voided'
                order by player_id, sent_at desc, id desc),
            dues as (
                select player_id,
                       min(case status when 'past_due' then 0 when 'active' then 1 when 'canceled' then 2 else 3 end) as rank,
                       coalesce(sum(amount_cents) filter (where status = 'active'), 0) as active_cents,
                       coalesce(sum(amount_cents) filter (where status = 'past_due'), 0) as past_due_cents
                from subscriptions group by player_id),
            per_player as (
                select p.id, p.team_id,
                       p.contract_status = 'signed' as signed,
                       case when p.contract_status = 'signed' then coalesce(ls.amount_cents, 0) else 0 end as signed_cents,
                       case when p.contract_status not in ('signed', 'declined') and ll.status = 'sent'
                            then ll.amount_cents else 0 end as outstanding_cents,
                       coalesce(j.net, 0) as jersey_net,
                       d.rank as dues_rank,
                       coalesce(d.active_cents, 0) as active_cents,
                       coalesce(d.past_due_cents, 0) as past_due_cents
                from players p
                    left join jersey j on j.player_id = p.id
                    left join latest_signed ls on ls.player_id = p.id
                    left join latest_live ll on ll.player_id = p.id
                    left join dues d on d.player_id = p.id)
            select grouping(pp.team_id) = 1 as club, pp.team_id, t.name, t.age_group,
                   count(*)::int,
                   (count(*) filter (where pp.signed))::int,
                   coalesce((count(*) filter (where pp.signed)) * 1000 / nullif(count(*), 0), 0)::int,
                   (count(*) filter (where pp.jersey_net > 0))::int,
                   (count(*) filter (where pp.dues_rank = 1))::int,
                   (count(*) filter (where pp.dues_rank = 0))::int,
                   sum(pp.signed_cents)::bigint, sum(pp.outstanding_cents)::bigint, sum(pp.jersey_net)::bigint,
                   sum(pp.active_cents)::bigint, sum(pp.past_due_cents)::bigint,
                   (count(distinct pp.team_id))::int,
                   (count(*) filter (where pp.team_id is null))::int
            from per_player pp left join teams t on t.id = pp.team_id
            group by grouping sets ((pp.team_id, t.name, t.age_group), ())
            """,
            r => new GroupRow(
                r.GetBoolean(0), r.IntOrNull(1), r.TextOrNull(2), r.TextOrNull(3),
                new ProgressFigures(
                    r.GetInt32(4), r.GetInt32(5), r.GetInt32(4) - r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
                    r.GetInt32(4) - r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12),
                    r.GetInt64(13), r.GetInt64(14)),
                r.GetInt32(15), r.GetInt32(16)),
            ct);

        var expected = new ExpectedDocumentSet();
        var teams = rows.Where(r => !r.Club).ToList();
        foreach (var team in teams)
        {
            expected.Add(SourceQuery.TeamKey(team.TeamId), "team",
                new TeamProgressDocument(team.TeamId, team.TeamName, team.AgeGroup, team.Figures));
        }

        // Lowest share signed first, then team name, then id.
        expected.ExpectOrder("team", teams
            .OrderBy(t => t.Figures.SignedPermille)
            .ThenBy(t => SourceQuery.Fold(t.TeamName), StringComparer.Ordinal)
            .ThenBy(t => t.TeamId ?? 0)
            .Select(t => SourceQuery.TeamKey(t.TeamId)));

        // Grouping over no rows still yields the grand total row; the club document exists while there are players.
        if (rows.SingleOrDefault(r => r.Club) is { Figures.PlayerCount: > 0 } club)
        {
            expected.Add("club", "club", new ClubProgressDocument(club.TeamCount, club.PlayersWithoutTeam, club.Figures));
        }

        return expected.DifferencesFrom(context.Documents);
    }

    private sealed record GroupRow(
        bool Club, int? TeamId, string? TeamName, string? AgeGroup, ProgressFigures Figures, int TeamCount, int PlayersWithoutTeam);
}
