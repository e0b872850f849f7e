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

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct) =>
        (await ExpectedAsync(context, ct)).DifferencesFrom(context.Documents);

    // The documents the projection should hold (TodayToolCheck reads the summary too).
    public async Task<ExpectedDocumentSet> ExpectedAsync(OracleContext context, CancellationToken ct)
    {
        var gaps = new List<Gap>();
        gaps.AddRange(await PlayerGapsAsync(context, ct));
        gaps.AddRange(await OutboxGapsAsync(context, ct));
        gaps.AddRange(await TeamGapsAsync(context, ct));
        gaps.AddRange(await ParentGapsAsync(context, ct));

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

        if (await AnySubjectAsync(context, ct))
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

        return expected;
    }

    private static async Task<List<Gap>> PlayerGapsAsync(OracleContext context, CancellationToken ct)
    {
        // The contract record is the player's latest signed contract (by signed_at, else sent_at, then id).
        var perRow = await context.RowsAsync("""
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
            """,
            reader =>
            {
                var gaps = new List<Gap>();
                var player = new PlayerFacts(
                    reader.GetInt32(0), reader.GetInt32(1), reader.IntOrNull(2), reader.GetString(3),
                    reader.GetString(4), reader.TextOrNull(7), reader.TextOrNull(8));
                var createdAt = reader.Time(5);
                var updatedAt = reader.Time(6);
                var records = player.Records().ToList();
                DateTimeOffset? signedAt = null;
                if (!reader.IsDBNull(9))
                {
                    records.Add(new GapRecord("contract", reader.GetInt32(9), reader.GetString(10), reader.GetString(11)));
                    signedAt = reader.TimeOrNull(12);
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

                return gaps;
            },
            ct);
        return perRow.SelectMany(g => g).ToList();
    }

    private static async Task<List<Gap>> OutboxGapsAsync(OracleContext context, CancellationToken ct)
    {
        var perRow = await context.RowsAsync("""
            select o.id, o.event_type, o.aggregate_id, o.status, o.attempts, o.last_error, o.created_at, o.processed_at,
                   p.id, p.parent_id, p.team_id, p.first_name || ' ' || p.last_name, p.contract_status,
                   pa.first_name || ' ' || pa.last_name, t.name,
                   o.event_type = 'contract_signed' and o.status = 'processed'
                       and not exists (select 1 from email_log e where e.player_id = o.aggregate_id and e.email_type = 'contract_signed')
            from outbox o
            left join players p on p.id = o.aggregate_id
            left join parents pa on pa.id = p.parent_id
            left join teams t on t.id = p.team_id
            """,
            reader =>
            {
                var gaps = new List<Gap>();
                var id = reader.GetInt64(0);
                var status = reader.GetString(3);
                var createdAt = reader.Time(6);
                var processedAt = reader.TimeOrNull(7);
                var player = reader.IsDBNull(8)
                    ? null
                    : new PlayerFacts(
                        reader.GetInt32(8), reader.GetInt32(9), reader.IntOrNull(10), reader.GetString(11),
                        reader.GetString(12), reader.TextOrNull(13), reader.TextOrNull(14));
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
                        reader.TextOrNull(5), records);
                    gaps.Add(new Gap($"{name}/outbox:{id}", id, Ticks(since), document));
                }

                return gaps;
            },
            ct);
        return perRow.SelectMany(g => g).ToList();
    }

    private static Task<List<Gap>> TeamGapsAsync(OracleContext context, CancellationToken ct) =>
        context.RowsAsync($"""
            select id, name, age_group, groupme_group_id is null, created_at
            from teams where coalesce(groupme_share_url, '') ~ {Blank}
            """,
            reader =>
            {
                var id = reader.GetInt32(0);
                var name = reader.GetString(1);
                var document = new DataGapDocument(
                    "team-without-groupme", reader.Time(4), null, null, id, null,
                    reader.GetBoolean(3) ? "no group" : "no share link", null, null, [new GapRecord("team", id, name, reader.GetString(2))]);
                return new Gap($"team-without-groupme/team:{id}", id, name.ToLowerInvariant(), document);
            },
            ct);

    private static async Task<List<Gap>> ParentGapsAsync(OracleContext context, CancellationToken ct)
    {
        var rows = await context.RowsAsync($"""
            select pa.id, pa.first_name, pa.last_name, pa.created_at, k.id, k.first_name || ' ' || k.last_name, k.contract_status
            from parents pa
            left join players k on k.parent_id = pa.id
            where coalesce(pa.email, '') ~ {Blank} and coalesce(pa.phone, '') ~ {Blank}
            order by pa.id, k.id
            """,
            r => (Id: r.GetInt32(0), First: r.GetString(1), Last: r.GetString(2), CreatedAt: r.Time(3),
                Kid: r.IsDBNull(4) ? null : new GapRecord("player", r.GetInt32(4), r.GetString(5), r.GetString(6))),
            ct);

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

    private static async Task<bool> AnySubjectAsync(OracleContext context, CancellationToken ct) =>
        (await context.RowsAsync("""
            select exists (select 1 from players) or exists (select 1 from parents)
                or exists (select 1 from teams) or exists (select 1 from outbox)
            """,
            r => r.GetBoolean(0),
            ct)).Single();

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
