using Npgsql;
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
        var tournaments = await TournamentsAsync(context.Source, ct);
        var kids = await KidsAsync(context.Source, tournaments, ct);
        var emails = await EmailsAsync(context.Source, ct);
        var expected = new ExpectedDocumentSet();
        foreach (var parent in await ParentsAsync(context.Source, ct))
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

    private static async Task<List<Parent>> ParentsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select id, first_name, last_name, email, phone,
                   coalesce(email, '') !~ {Blank}, coalesce(phone, '') !~ {Blank}
            from parents order by id
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var parents = new List<Parent>();
        while (await reader.ReadAsync(ct))
        {
            parents.Add(new Parent(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4),
                reader.GetBoolean(5), reader.GetBoolean(6)));
        }

        return parents;
    }

    private static async Task<Dictionary<int, List<FamilyKid>>> KidsAsync(
        NpgsqlConnection source, Dictionary<int, List<FamilyTournament>> tournaments, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
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
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var kids = new Dictionary<int, List<FamilyKid>>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            var kid = new FamilyKid(
                id, reader.GetString(2), reader.GetString(3), reader.GetInt32(4), NullableInt(reader, 5), NullableString(reader, 6),
                NullableString(reader, 7), reader.GetString(8), NullableString(reader, 9), NullableTime(reader, 10), NullableTime(reader, 11),
                new FamilyJersey(reader.GetBoolean(12), reader.GetInt64(13), NullableTime(reader, 14)),
                new FamilyDues(
                    reader.GetString(15), reader.IsDBNull(16) ? null : reader.GetFieldValue<DateOnly>(16), NullableInt(reader, 17)),
                new FamilyWelcome(
                    reader.GetBoolean(18), NullableString(reader, 19), NullableTime(reader, 20), NullableString(reader, 21),
                    reader.IsDBNull(22) ? null : reader.GetInt64(22), NullableString(reader, 23), NullableString(reader, 24)),
                tournaments.GetValueOrDefault(id, []));
            var parentId = reader.GetInt32(1);
            if (!kids.TryGetValue(parentId, out var list))
            {
                kids[parentId] = list = [];
            }

            list.Add(kid);
        }

        return kids;
    }

    // Per player: the deciding registration of each tournament (own rows rank before team rows), in
    // tournament start order. Registrations of a tournament row that no longer exists are not shown.
    private static async Task<Dictionary<int, List<FamilyTournament>>> TournamentsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
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
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var byPlayer = new Dictionary<int, List<FamilyTournament>>();
        while (await reader.ReadAsync(ct))
        {
            var playerId = reader.GetInt32(0);
            if (!byPlayer.TryGetValue(playerId, out var list))
            {
                byPlayer[playerId] = list = [];
            }

            list.Add(new FamilyTournament(
                reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4), reader.GetBoolean(5)));
        }

        return byPlayer;
    }

    // Per parent: how many emails concern the family, and the newest MaxEmails of them.
    private static async Task<Dictionary<int, (int Count, List<FamilyEmail> Newest)>> EmailsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
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
            """, source);
        cmd.Parameters.AddWithValue("max", FamiliesProjection.MaxEmails);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var byParent = new Dictionary<int, (int Count, List<FamilyEmail> Newest)>();
        while (await reader.ReadAsync(ct))
        {
            var parentId = reader.GetInt32(0);
            if (!byParent.TryGetValue(parentId, out var entry))
            {
                byParent[parentId] = entry = ((int)reader.GetInt64(1), []);
            }

            entry.Newest.Add(new FamilyEmail(
                reader.GetInt32(2), NullableInt(reader, 3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), NullableString(reader, 7)));
        }

        return byParent;
    }

    private static string? NullableString(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? NullableInt(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    private sealed record Parent(int Id, string FirstName, string LastName, string? Email, string? Phone, bool HasEmail, bool HasPhone);
}
