using Npgsql;
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

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var expected = new ExpectedDocumentSet();
        if (await SummaryAsync(context.Source, ct) is { } summary)
        {
            expected.Add("summary", "summary", summary, sortKey: "");
        }

        var players = await UnsignedPlayersAsync(context.Source, ct);
        foreach (var group in await GroupsAsync(context.Source, ct))
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

        return expected.DifferencesFrom(context.Documents);
    }

    private static async Task<TriageSummaryDocument?> SummaryAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select count(*)::int,
                   count(*) filter (where contract_status = 'signed')::int,
                   count(*) filter (where contract_status in ('none', 'sent', 'declined'))::int,
                   count(*) filter (where contract_status = 'sent')::int,
                   count(*) filter (where contract_status = 'declined')::int,
                   count(*) filter (where contract_status = 'none')::int,
                   count(distinct team_id) filter (where contract_status in ('none', 'sent', 'declined'))::int,
                   count(*) filter (where contract_status in ('none', 'sent', 'declined') and team_id is null)::int
            from players
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt32(0) == 0
            ? null
            : new TriageSummaryDocument(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7));
    }

    private static async Task<List<Group>> GroupsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
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
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var groups = new List<Group>();
        while (await reader.ReadAsync(ct))
        {
            groups.Add(new Group(
                Int(reader, 0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.GetFieldValue<string[]>(11)));
        }

        return groups;
    }

    private static async Task<List<(int? TeamId, TriagePlayer Player)>> UnsignedPlayersAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
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
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var players = new List<(int?, TriagePlayer)>();
        while (await reader.ReadAsync(ct))
        {
            players.Add((Int(reader, 0), new TriagePlayer(
                reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Int(reader, 5), Text(reader, 6), At(reader, 7), At(reader, 8),
                reader.GetInt32(9), Text(reader, 10), Text(reader, 11), Contact(reader, 12), Contact(reader, 13))));
        }

        return players;
    }

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

    private static int? Int(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // A blank email or phone is no contact at all.
    private static string? Contact(NpgsqlDataReader r, int i) => string.IsNullOrWhiteSpace(Text(r, i)) ? null : r.GetString(i);

    private static DateTimeOffset? At(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private sealed record Group(
        int? TeamId, string? TeamName, string? AgeGroup, string? Season, string? Gender, string? CoachName,
        int Players, int Unsigned, int Sent, int Declined, int None, IReadOnlyList<string> Statuses);
}
