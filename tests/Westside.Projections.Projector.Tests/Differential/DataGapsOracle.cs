using Npgsql;
using Westside.Projections.ReadModel.Projections.DataGaps;

namespace Westside.Projections.Projector.Tests.Differential;

// "What are my data gaps", answered in SQL: every gap of every subject with the records involved,
// its Since (the time the page measures "long pending" / "unpaid long after signing" from: the
// projection stores the start time and leaves the threshold to the page, so matching Since exactly
// is what makes the page's threshold at any AsOf right), the order within each gap, and the summary.
// The gap rules, restated from the story rather than from the projection:
//   signed-without-outbox  signed player, no contract_signed outbox row for them
//   player-without-team    player with no team_id
//   signed-without-jersey  signed player whose jersey payments net to <= 0 (refunds are negative)
//   outbox-without-email   processed contract_signed outbox row, no contract_signed email for the player
//   outbox-failed / -pending   outbox row in that status
//   team-without-groupme   team whose share link is blank
//   parent-unreachable     parent with neither email nor phone (blank counts as missing)
public sealed class DataGapsOracle : IProjectionOracle
{
    private const string Blank = "'^[[:space:]]*$'";

    // The summary's order (the dashboard lists the gaps in it).
    private static readonly string[] GapOrder =
    [
        "signed-without-outbox", "outbox-without-email", "outbox-failed", "outbox-pending",
        "team-without-groupme", "player-without-team", "parent-unreachable", "signed-without-jersey",
    ];

    public string Projection => "gaps";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var gaps = new List<Gap>();
        gaps.AddRange(await PlayerGapsAsync(context.Source, ct));
        gaps.AddRange(await OutboxGapsAsync(context.Source, ct));
        gaps.AddRange(await TeamGapsAsync(context.Source, ct));
        gaps.AddRange(await ParentGapsAsync(context.Source, ct));

        var expected = new ExpectedDocumentSet();
        foreach (var gap in gaps)
        {
            expected.Add(gap.Id, gap.Document.Gap, gap.Document);
        }

        // Within a gap: oldest first for time-measured gaps (Since, then subject id); teams by name, parents
        // by last name, first name (then id). The store lists by sort_key, so its order is what the page shows.
        foreach (var byGap in gaps.GroupBy(g => g.Document.Gap))
        {
            expected.ExpectOrder(byGap.Key, byGap.OrderBy(g => g.Order, StringComparer.Ordinal).ThenBy(g => g.SubjectId).Select(g => g.Id));
        }

        if (await AnySubjectAsync(context.Source, ct))
        {
            var counts = GapOrder.Select(name => (Name: name, Count: gaps.Count(g => g.Document.Gap == name))).ToList();
            var labels = context.Documents.FirstOrDefault(d => d.Id == DataGapsProjection.SummaryId)?.As<DataGapSummaryDocument>()
                .Counts.ToDictionary(c => c.Gap, c => c.Label, StringComparer.Ordinal) ?? [];
            // Labels are prose for the page; the oracle vouches for names, order and counts (a blank label is still wrong).
            var summary = new DataGapSummaryDocument(
                gaps.Count,
                counts.Select(c => new GapCount(c.Name, NonBlank(labels.GetValueOrDefault(c.Name)), c.Count)).ToList());
            expected.Add(DataGapsProjection.SummaryId, "summary", summary);
        }

        return expected.DifferencesFrom(context.Documents);
    }

    private static async Task<List<Gap>> PlayerGapsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        // The contract record is the player's latest signed contract (by signed_at, else sent_at, then id).
        await using var cmd = new NpgsqlCommand("""
            select p.id, p.parent_id, p.team_id, p.first_name || ' ' || p.last_name, p.contract_status, p.created_at, p.updated_at,
                   pa.first_name || ' ' || pa.last_name, t.name, c.id, c.version, c.status, c.signed_at,
                   p.contract_status = 'signed'
                       and not exists (select 1 from outbox o where o.aggregate_id = p.id and o.event_type = 'contract_signed'),
                   p.team_id is null,
                   p.contract_status = 'signed'
                       and coalesce((select sum(j.amount_cents) from jersey_payments j where j.player_id = p.id), 0) <= 0
            from players p
            left join parents pa on pa.id = p.parent_id
            left join teams t on t.id = p.team_id
            left join lateral (
                select c.id, c.version, c.status, c.signed_at from contracts c
                where c.player_id = p.id and c.status = 'signed'
                order by coalesce(c.signed_at, c.sent_at) desc, c.id desc limit 1) c on p.contract_status = 'signed'
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<Gap>();
        while (await reader.ReadAsync(ct))
        {
            var player = new PlayerFacts(
                reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            var createdAt = reader.GetFieldValue<DateTimeOffset>(5);
            var updatedAt = reader.GetFieldValue<DateTimeOffset>(6);
            var records = player.Records().ToList();
            DateTimeOffset? signedAt = null;
            if (!reader.IsDBNull(9))
            {
                records.Add(new GapRecord("contract", reader.GetInt32(9), reader.GetString(10), reader.GetString(11)));
                signedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12);
            }

            foreach (var (name, has) in new[] { ("signed-without-outbox", 13), ("player-without-team", 14), ("signed-without-jersey", 15) })
            {
                if (reader.GetBoolean(has))
                {
                    var since = name == "player-without-team" ? createdAt : signedAt ?? updatedAt;
                    var document = new DataGapDocument(
                        name, since, player.Id, player.ParentId, player.TeamId, null, player.Status, null, null, records);
                    gaps.Add(new Gap($"{name}/player:{player.Id}", player.Id, Ticks(since), document));
                }
            }
        }

        return gaps;
    }

    private static async Task<List<Gap>> OutboxGapsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select o.id, o.event_type, o.aggregate_id, o.status, o.attempts, o.last_error, o.created_at, o.processed_at,
                   p.id, p.parent_id, p.team_id, p.first_name || ' ' || p.last_name, p.contract_status,
                   pa.first_name || ' ' || pa.last_name, t.name,
                   o.event_type = 'contract_signed' and o.status = 'processed'
                       and not exists (select 1 from email_log e where e.player_id = o.aggregate_id and e.email_type = 'contract_signed')
            from outbox o
            left join players p on p.id = o.aggregate_id
            left join parents pa on pa.id = p.parent_id
            left join teams t on t.id = p.team_id
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<Gap>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var status = reader.GetString(3);
            var createdAt = reader.GetFieldValue<DateTimeOffset>(6);
            var processedAt = reader.IsDBNull(7) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(7);
            var player = reader.IsDBNull(8)
                ? null
                : new PlayerFacts(
                    reader.GetInt32(8), reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetInt32(10), reader.GetString(11),
                    reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14));
            var records = new List<GapRecord> { new("outbox", id, reader.GetString(1), status) };
            records.AddRange(player?.Records() ?? []);
            var names = new List<string>();
            if (reader.GetBoolean(15))
            {
                names.Add("outbox-without-email");
            }

            if (status is "failed" or "pending")
            {
                names.Add("outbox-" + status);
            }

            foreach (var name in names)
            {
                var since = name == "outbox-without-email" ? processedAt ?? createdAt : createdAt;
                var document = new DataGapDocument(
                    name, since, reader.GetInt32(2), player?.ParentId, player?.TeamId, id, status, reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), records);
                gaps.Add(new Gap($"{name}/outbox:{id}", id, Ticks(since), document));
            }
        }

        return gaps;
    }

    private static async Task<List<Gap>> TeamGapsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select id, name, age_group, groupme_group_id is null, created_at
            from teams where coalesce(groupme_share_url, '') ~ {Blank}
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<Gap>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            var name = reader.GetString(1);
            var document = new DataGapDocument(
                "team-without-groupme", reader.GetFieldValue<DateTimeOffset>(4), null, null, id, null,
                reader.GetBoolean(3) ? "no group" : "no share link", null, null, [new GapRecord("team", id, name, reader.GetString(2))]);
            gaps.Add(new Gap($"team-without-groupme/team:{id}", id, name.ToLowerInvariant(), document));
        }

        return gaps;
    }

    private static async Task<List<Gap>> ParentGapsAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select pa.id, pa.first_name, pa.last_name, pa.created_at, k.id, k.first_name || ' ' || k.last_name, k.contract_status
            from parents pa
            left join players k on k.parent_id = pa.id
            where coalesce(pa.email, '') ~ {Blank} and coalesce(pa.phone, '') ~ {Blank}
            order by pa.id, k.id
            """, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(int Id, string First, string Last, DateTimeOffset CreatedAt, GapRecord? Kid)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : new GapRecord("player", reader.GetInt32(4), reader.GetString(5), reader.GetString(6))));
        }

        return rows.GroupBy(r => r.Id).Select(family =>
        {
            var parent = family.First();
            var records = new List<GapRecord> { new("parent", parent.Id, $"{parent.First} {parent.Last}", null) };
            records.AddRange(family.Where(r => r.Kid is not null).Select(r => r.Kid!));
            var document = new DataGapDocument(
                "parent-unreachable", parent.CreatedAt, null, parent.Id, null, null, null, null, null, records);
            var order = $"{parent.Last.ToLowerInvariant()} {parent.First.ToLowerInvariant()}";
            return new Gap($"parent-unreachable/parent:{parent.Id}", parent.Id, order, document);
        }).ToList();
    }

    private static async Task<bool> AnySubjectAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select exists (select 1 from players) or exists (select 1 from parents)
                or exists (select 1 from teams) or exists (select 1 from outbox)
            """, source);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string NonBlank(string? label) => string.IsNullOrWhiteSpace(label) ? "(a label)" : label;

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19");

    private sealed record Gap(string Id, long SubjectId, string Order, DataGapDocument Document);

    // A player as a gap shows it: the player, the parent (named if the row exists) and the team (if any).
    private sealed record PlayerFacts(int Id, int ParentId, int? TeamId, string Name, string Status, string? ParentName, string? TeamName)
    {
        public IEnumerable<GapRecord> Records()
        {
            yield return new GapRecord("player", Id, Name, Status);
            yield return new GapRecord("parent", ParentId, ParentName, null);
            if (TeamId is { } teamId)
            {
                yield return new GapRecord("team", teamId, TeamName, null);
            }
        }
    }
}
