using Npgsql;
using Westside.Projections.Dashboard.Features.Triage;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Triage;

namespace Westside.Projections.DirectSqlTriage;

// The triage view computed from the source tables, per request: club counts, then the first screen of
// team groups (most unsigned first) with each group's first 100 unsigned players in triage order
// (sent first, longest waiting first; then declined; then never sent), their latest live contract and
// their parent's contact. Filters are not implemented: the benchmark requests the unfiltered page.
public sealed class TriageFromSource(NpgsqlDataSource source, TimeProvider clock)
{
    private const int GroupsPerPage = 10;
    private const int PlayersPerGroup = 100;

    public async Task<TriageView> ReadAsync(TriageFilter filter, CancellationToken ct)
    {
        await using var conn = await source.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var summary = await SummaryAsync(conn, tx, ct);
        var (groups, groupCount) = await GroupsAsync(conn, tx, filter.PageNumber, ct);
        await tx.CommitAsync(ct);
        var pageCount = Math.Max(1, (groupCount + GroupsPerPage - 1) / GroupsPerPage);
        return new TriageView(filter, summary, groups, Math.Min(filter.PageNumber, pageCount), pageCount, groupCount,
            groups.Sum(g => g.Players.Count), Club.AgeGroups, clock.GetUtcNow());
    }

    private static async Task<TriageSummaryDocument> SummaryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select count(*)::int,
                   count(*) filter (where contract_status = 'signed')::int,
                   count(*) filter (where contract_status in ('none','sent','declined'))::int,
                   count(*) filter (where contract_status = 'sent')::int,
                   count(*) filter (where contract_status = 'declined')::int,
                   count(*) filter (where contract_status = 'none')::int,
                   count(distinct team_id) filter (where contract_status in ('none','sent','declined'))::int,
                   count(*) filter (where team_id is null and contract_status in ('none','sent','declined'))::int
            from players
            """, conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new TriageSummaryDocument(
            r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
    }

    private static async Task<(List<TriageGroup> Groups, int GroupCount)> GroupsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int page, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            with unsigned as (
                select id, parent_id, team_id, first_name, last_name, contract_status
                from players where contract_status in ('none','sent','declined')
            ), groups as (
                select u.team_id, count(*)::int as unsigned,
                       count(*) filter (where u.contract_status = 'sent')::int as sent,
                       count(*) filter (where u.contract_status = 'declined')::int as declined,
                       count(*) filter (where u.contract_status = 'none')::int as never
                from unsigned u group by u.team_id
            ), screen as (
                select g.*, t.name, t.age_group, count(*) over ()::int as group_count,
                       row_number() over (order by g.unsigned desc, lower(t.name), coalesce(g.team_id, 0)) as rank
                from groups g left join teams t on t.id = g.team_id
                order by rank
                limit @limit offset @offset
            ), rows as (
                select s.rank, u.*, c.id as contract_id, c.version, c.sent_at, c.declined_at,
                       row_number() over (partition by s.rank order by
                           case u.contract_status when 'sent' then 0 when 'declined' then 1 else 2 end,
                           case when u.contract_status = 'sent' then c.sent_at end nulls last,
                           lower(u.last_name), lower(u.first_name), u.id) as n
                from screen s
                join unsigned u on u.team_id is not distinct from s.team_id
                left join lateral (
                    select id, version, sent_at, declined_at from contracts
                    where player_id = u.id and status <> 'voided'
                    order by sent_at desc, id desc limit 1) c on true
            )
            select s.rank, s.team_id, s.name, s.age_group, s.unsigned, s.sent, s.declined, s.never, s.group_count,
                   r.id, r.first_name, r.last_name, r.contract_status, r.contract_id, r.version, r.sent_at, r.declined_at,
                   r.parent_id, p.first_name, p.last_name, nullif(trim(p.email), ''), nullif(trim(p.phone), '')
            from screen s
            join rows r on r.rank = s.rank and r.n <= @per_group
            left join parents p on p.id = r.parent_id
            order by s.rank, r.n
            """, conn, tx);
        cmd.Parameters.AddWithValue("limit", GroupsPerPage);
        cmd.Parameters.AddWithValue("offset", (Math.Max(1, page) - 1) * GroupsPerPage);
        cmd.Parameters.AddWithValue("per_group", PlayersPerGroup);
        var groups = new List<TriageGroup>();
        var groupCount = 0;
        List<TriagePlayer>? players = null;
        long rank = -1;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (r.GetInt64(0) != rank)
            {
                rank = r.GetInt64(0);
                players = [];
                var unsigned = r.GetInt32(4);
                groups.Add(new TriageGroup(
                    r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    unsigned, r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), 1, (unsigned + PlayersPerGroup - 1) / PlayersPerGroup, players));
                groupCount = r.GetInt32(8);
            }

            players!.Add(new TriagePlayer(
                r.GetInt32(9), r.GetString(10), r.GetString(11), r.GetString(12),
                r.IsDBNull(13) ? null : r.GetInt32(13), r.IsDBNull(14) ? null : r.GetString(14),
                r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16),
                r.GetInt32(17), r.IsDBNull(18) ? null : r.GetString(18), r.IsDBNull(19) ? null : r.GetString(19),
                r.IsDBNull(20) ? null : r.GetString(20), r.IsDBNull(21) ? null : r.GetString(21)));
        }

        return (groups, groupCount);
    }
}
