using Westside.Projections.ReadModel.Projections.Families;

namespace Westside.Projections.Projector.Tests.Differential;

// "Everything about one family", answered in SQL: one document per parent row, with every kid's team,
// latest live contract, jersey net, dues standing, welcome email and outbox row, tournaments, the
// family's emails (newest first, capped, with the full count) and how the parent can be reached.
// The rules, restated from the story:
//   kids          the parent's players, by first name (case-insensitive), then id
//   contract      the latest contract that is not voided (sent_at, then id)
//   jersey        paid when the payments (refunds negative) net above zero; last paid = latest positive payment
//   dues          past_due over active over canceled, else "none"; the deciding row is the first of that
//                 order, then by period end and id
//   welcome       any contract_signed email 'sent'; the latest such email and the latest contract_signed outbox row
//   tournaments   a kid's own registration rows decide; without any, the team-level rows (player_id null)
//                 of the kid's team; among the deciding rows 'registered' wins, then the latest
//   emails        logged for the parent or for any kid, newest first (sent_at, then id)
//   reachable     a non-blank email or phone
public sealed class FamiliesOracle : IProjectionOracle
{
    private const string Blank = "'^[[:space:]]*$'";

    public string Projection => "families";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var tournaments = await TournamentsAsync(context, ct);
        var kids = await KidsAsync(context, tournaments, ct);
        var emails = await EmailsAsync(context, ct);
        var expected = new ExpectedDocumentSet();
        foreach (var parent in await ParentsAsync(context, ct))
        {
            var family = kids.GetValueOrDefault(parent.Id, [])
                .OrderBy(k => k.FirstName.ToLowerInvariant(), StringComparer.Ordinal)
                .ThenBy(k => k.PlayerId)
                .ToList();
            var (emailCount, newest) = emails.GetValueOrDefault(parent.Id, (0, []));
            var document = new FamilyDocument(
                parent.Id, parent.FirstName, parent.LastName,
                parent.HasEmail ? parent.Email : null, parent.HasPhone ? parent.Phone : null,
                parent.HasEmail, parent.HasPhone, parent.HasEmail || parent.HasPhone,
                family.Count,
                family.Count(k => k.ContractStatus is "none" or "sent" or "declined"),
                family.Select(k => k.PlayerId).Order().ToList(),
                family.Where(k => k.TeamId is not null).Select(k => k.TeamId!.Value).Distinct().Order().ToList(),
                family.Where(k => k.AgeGroup is not null).Select(k => k.AgeGroup!).Distinct().Order(StringComparer.Ordinal).ToList(),
                family.Select(k => k.ContractStatus).Distinct().Order(StringComparer.Ordinal).ToList(),
                family,
                emailCount,
                newest);
            expected.Add($"parent:{parent.Id}", "family", document);
        }

        return expected.DifferencesFrom(context.Documents);
    }

    private static Task<List<Parent>> ParentsAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync($"""
            select id, first_name, last_name, email, phone,
                   coalesce(email, '') !~ {Blank}, coalesce(phone, '') !~ {Blank}
            from parents order by id
            """,
            r => new Parent(r.GetInt32(0), r.GetString(1), r.GetString(2), r.TextOrNull(3), r.TextOrNull(4), r.GetBoolean(5), r.GetBoolean(6)),
            ct);

    private static async Task<Dictionary<int, List<FamilyKid>>> KidsAsync(
        OracleContext context, Dictionary<int, List<FamilyTournament>> tournaments, CancellationToken ct)
    {
        var rows = await context.RowsAsync("""
            select p.id, p.parent_id, p.first_name, p.last_name, p.birth_year, p.team_id, t.name, t.age_group, p.contract_status,
                   c.version, c.sent_at, c.signed_at,
                   coalesce(j.net, 0) > 0, coalesce(j.net, 0), j.last_paid_at,
                   coalesce(d.status, 'none'), d.current_period_end, d.amount_cents,
                   exists (select 1 from email_log e where e.player_id = p.id and e.email_type = 'contract_signed' and e.status = 'sent'),
                   w.status, w.sent_at, w.error,
                   o.id, o.status, o.last_error
            from players p
            left join teams t on t.id = p.team_id
            left join lateral (
                select c.version, c.sent_at, c.signed_at from contracts c
                where c.player_id = p.id and c.status <> 'voided'
                order by c.sent_at desc, c.id desc limit 1) c on true
            left join lateral (
                select sum(j.amount_cents) as net, max(j.paid_at) filter (where j.amount_cents > 0) as last_paid_at
                from jersey_payments j where j.player_id = p.id) j on true
            left join lateral (
                select s.status, s.current_period_end, s.amount_cents from subscriptions s
                where s.player_id = p.id
                order by case s.status when 'past_due' then 0 when 'active' then 1 when 'canceled' then 2 else 3 end,
                         s.current_period_end, s.id
                limit 1) d on true
            left join lateral (
                select e.status, e.sent_at, e.error from email_log e
                where e.player_id = p.id and e.email_type = 'contract_signed'
                order by e.sent_at desc, e.id desc limit 1) w on true
            left join lateral (
                select o.id, o.status, o.last_error from outbox o
                where o.aggregate_id = p.id and o.event_type = 'contract_signed'
                order by o.created_at desc, o.id desc limit 1) o on true
            """,
            r => (ParentId: r.GetInt32(1), Kid: new FamilyKid(
                r.GetInt32(0), r.GetString(2), r.GetString(3), r.GetInt32(4), r.IntOrNull(5), r.TextOrNull(6),
                r.TextOrNull(7), r.GetString(8), r.TextOrNull(9), r.TimeOrNull(10), r.TimeOrNull(11),
                new FamilyJersey(r.GetBoolean(12), r.GetInt64(13), r.TimeOrNull(14)),
                new FamilyDues(r.GetString(15), r.DateOrNull(16), r.IntOrNull(17)),
                new FamilyWelcome(
                    r.GetBoolean(18), r.TextOrNull(19), r.TimeOrNull(20), r.TextOrNull(21), r.LongOrNull(22), r.TextOrNull(23),
                    r.TextOrNull(24)),
                tournaments.GetValueOrDefault(r.GetInt32(0), []))),
            ct);
        return rows.GroupBy(k => k.ParentId).ToDictionary(g => g.Key, g => g.Select(k => k.Kid).ToList());
    }

    // Per player: the deciding registration of each tournament (own rows rank before team rows), in
    // tournament start order. Registrations of a tournament row that no longer exists are not shown.
    private static async Task<Dictionary<int, List<FamilyTournament>>> TournamentsAsync(OracleContext context, CancellationToken ct)
    {
        var rows = await context.RowsAsync("""
            with candidates as (
                select p.id as player_id, r.id, r.tournament_id, r.status, r.fee_paid, r.registered_at, 0 as tier
                from players p join tournament_registrations r on r.player_id = p.id
                union all
                select p.id, r.id, r.tournament_id, r.status, r.fee_paid, r.registered_at, 1
                from players p join tournament_registrations r on r.team_id = p.team_id and r.player_id is null
            ), deciding as (
                select distinct on (player_id, tournament_id) *
                from candidates
                order by player_id, tournament_id, tier, status = 'registered' desc, registered_at desc, id desc
            )
            select d.player_id, t.id, t.name, t.starts_on, d.status, d.fee_paid
            from deciding d join tournaments t on t.id = d.tournament_id
            order by d.player_id, t.starts_on, t.id
            """,
            r => (PlayerId: r.GetInt32(0), Tournament: new FamilyTournament(r.GetInt32(1), r.GetString(2), r.Date(3), r.GetString(4), r.GetBoolean(5))),
            ct);
        return rows.GroupBy(t => t.PlayerId).ToDictionary(g => g.Key, g => g.Select(t => t.Tournament).ToList());
    }

    // Per parent: how many emails concern the family, and the newest MaxEmails of them.
    private static async Task<Dictionary<int, (int Count, List<FamilyEmail> Newest)>> EmailsAsync(OracleContext context, CancellationToken ct)
    {
        var rows = await context.RowsAsync(
            """
            with family_emails as (
                select pa.id as parent_id, e.id, e.player_id, e.email_type, e.status, e.sent_at, e.error
                from parents pa join email_log e on e.parent_id = pa.id
                union
                select k.parent_id, e.id, e.player_id, e.email_type, e.status, e.sent_at, e.error
                from players k join email_log e on e.player_id = k.id
            ), ranked as (
                select *, count(*) over (partition by parent_id) as total,
                       row_number() over (partition by parent_id order by sent_at desc, id desc) as rank
                from family_emails
            )
            select parent_id, total, id, player_id, email_type, status, sent_at, error
            from ranked where rank <= @max
            order by parent_id, rank
            """,
            new Dictionary<string, object> { ["max"] = FamiliesProjection.MaxEmails },
            r => (ParentId: r.GetInt32(0), Total: (int)r.GetInt64(1), Email: new FamilyEmail(
                r.GetInt32(2), r.IntOrNull(3), r.GetString(4), r.GetString(5), r.Time(6), r.TextOrNull(7))),
            ct);
        return rows.GroupBy(e => e.ParentId).ToDictionary(g => g.Key, g => (g.First().Total, g.Select(e => e.Email).ToList()));
    }

    private sealed record Parent(int Id, string FirstName, string LastName, string? Email, string? Phone, bool HasEmail, bool HasPhone);
}
