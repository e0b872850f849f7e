using System.Globalization;
using Npgsql;
using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// "What changed": the timeline is the event log by day, dated by the SNAPSHOT time at which the
// projector captured each change (RecordedEvent.SourceSnapshotAt), not by the source's own timestamps.
// A generated club captured today has all of its history on today's page, whatever its signed_at or
// paid_at say; so "per-day totals of signed_at" are not a question the timeline answers, and the source
// alone cannot say on which day (or in which order, or how many times) a change was captured, nor
// anything about rows deleted since, nor names as they were before a rename.
//
// What this oracle DOES check, and why each check holds under any sequence of source writes:
// 1. Shape and per-day totals (the documents against each other): ids are "day:{date}" and
//    "day:{date}/page:{n}" with the right kinds; every day has its head and exactly pages 2..PageCount
//    of DefaultPageSize entries (the last page the remainder); Total = sum of CountsByKind;
//    Retained = min(Total, MaxEntriesPerDay) = entries on the pages; when nothing was dropped the kinds of
//    the entries count exactly CountsByKind (else at most); entries newest first (sequence strictly
//    descending, unique across days, later days later); every entry's At falls on its day; every day lies
//    in the retention window ending at AsOf.
// 2. Soundness (each retained entry against the source): its kind is one the timeline's rules produce
//    and it carries the ids its kind needs; every id it names (player, parent, team, previous team,
//    contract, tournament, outbox row; not an outbox row's player: aggregate_id is no foreign key) exists
//    now or existed once (id at or below the table's identity high-water mark: ids are never reused);
//    where the row still exists, its write-once facts match (a contract's player, version and amount; an
//    outbox row's player and event type); a jersey entry's kind matches the sign of its amount; a welcome
//    email is a contract_signed email; a contract-signed entry of a contract still signed names its signer.
// 3. Completeness (the source against the entries): each fact the rules say must have produced an entry
//    when its row reached its current state has one: every player (player-registered), every contract's
//    current status (contract-{status}), every tournament (tournament-scheduled), every registration's
//    current status (tournament-{status} with its team and player), every failed outbox row
//    (outbox-failed), every subscription's current status (dues-started with that status, or
//    dues-{status}), every jersey payment (a jersey-paid/-refund entry of its player), every failed or
//    welcome (contract_signed) email (an email entry of its player and type, sent or failed). Entries are
//    counted as a multiset (the timeline may hold MORE: history and deleted rows). The latest entry of
//    each existing contract names its current status, and the latest registered/assigned entry of each
//    existing player names its current team, since every status and team change is captured as such.
//    Per-row completeness needs every entry retained: when a day dropped entries (more than
//    MaxEntriesPerDay, e.g. the initial capture of a large club), only the per-kind totals of
//    CountsByKind (which count dropped entries) are compared with the source's counts.
// NOT checked: when (day, order, sequence) or how often a change was captured, what happened to deleted
// rows, the names on entries (as they were when captured; renames make them differ, so not compared),
// fee-paid and error details, plain edits (never shown), Search text.
// Assumptions: the engine captured every row within the last RetainedDays days (true in a test run);
// an email_log row's type and a failed row's status, a payment's player, a contract's player, version and
// amount, and a registration's tournament, team and player are written once (basketball-api appends
// emails and payments, and re-sends a contract as a new row).
public sealed class TimelineOracle : IProjectionOracle
{
    private const int PageSize = TimelineProjection.DefaultPageSize;
    private const string DayPrefix = "day:";
    private const string PagePrefix = "/page:";

    private static readonly HashSet<string> Kinds =
    [
        "player-registered", "player-assigned", "contract-sent", "contract-signed", "contract-declined", "contract-voided",
        "jersey-paid", "jersey-refund", "dues-started", "dues-active", "dues-past-due", "dues-canceled",
        "tournament-scheduled", "tournament-registered", "tournament-withdrawn", "outbox-failed", "email-failed",
        "welcome-email-sent",
    ];

    public string Projection => "timeline";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var differences = new List<string>();
        var days = Shape(context, differences);
        var facts = await SourceFacts.LoadAsync(context, ct);
        var entries = days.SelectMany(d => d.Entries).ToList();
        foreach (var entry in entries)
        {
            differences.AddRange(Soundness(entry, facts).Select(d => $"entry seq {entry.Sequence} ({entry.Kind}): {d}"));
        }

        var complete = days.All(d => d.Total == d.Retained);
        differences.AddRange(complete ? Completeness(entries, facts) : Totals(days, facts));
        return differences;
    }

    // Check 1: the day documents, their pages and totals agree among themselves.
    private static List<Day> Shape(OracleContext context, List<string> differences)
    {
        var heads = new Dictionary<DateOnly, (StoredDocument Doc, TimelineDayDocument Data)>();
        var pages = new Dictionary<(DateOnly, int), (StoredDocument Doc, TimelinePageDocument Data)>();
        foreach (var document in context.Documents)
        {
            if (!TryParse(document.Id, out var date, out var page))
            {
                differences.Add($"{document.Id} is not a day id");
            }
            else if (page == 1 && document.Kind == "day")
            {
                heads[date] = (document, document.As<TimelineDayDocument>());
            }
            else if (page > 1 && document.Kind == "day-page")
            {
                pages[(date, page)] = (document, document.As<TimelinePageDocument>());
            }
            else
            {
                differences.Add($"{document.Id} has kind {document.Kind}");
            }
        }

        var today = DateOnly.FromDateTime(context.AsOf.UtcDateTime);
        var days = new List<Day>();
        foreach (var (date, (doc, head)) in heads.OrderBy(h => h.Key))
        {
            var id = doc.Id;
            if (head.Date != date || head.Page != 1)
            {
                differences.Add($"{id} claims date/page {head.Date:yyyy-MM-dd}/{head.Page}");
            }

            if (date > today || date <= today.AddDays(-TimelineLog.RetainedDays))
            {
                differences.Add($"{id} lies outside the {TimelineLog.RetainedDays}-day window ending {today:yyyy-MM-dd}");
            }

            var countsTotal = head.CountsByKind.Sum(c => c.Count);
            if (head.Total != countsTotal || head.CountsByKind.Any(c => c.Count <= 0)
                || !head.CountsByKind.Select(c => c.Kind).SequenceEqual(head.CountsByKind.Select(c => c.Kind).Order(StringComparer.Ordinal)))
            {
                differences.Add($"{id} total {head.Total} does not match its counts by kind (sum {countsTotal})");
            }

            if (head.Retained != Math.Min(head.Total, TimelineLog.MaxEntriesPerDay))
            {
                differences.Add($"{id} retains {head.Retained} of {head.Total}");
            }

            var pageCount = (head.Retained + PageSize - 1) / PageSize;
            if (head.PageCount != pageCount)
            {
                differences.Add($"{id} has page count {head.PageCount}, expected {pageCount}");
            }

            var all = new List<TimelineEntry>(head.Entries);
            CheckPageSize(id, 1, pageCount, head.Retained, head.Entries.Count, differences);
            for (var page = 2; page <= pageCount; page++)
            {
                if (!pages.Remove((date, page), out var next))
                {
                    differences.Add($"{id}{PagePrefix}{page} is missing");
                    continue;
                }

                if (next.Data.Date != date || next.Data.Page != page || next.Data.PageCount != pageCount)
                {
                    differences.Add($"{next.Doc.Id} claims date/page/count {next.Data.Date:yyyy-MM-dd}/{next.Data.Page}/{next.Data.PageCount}");
                }

                CheckPageSize(next.Doc.Id, page, pageCount, head.Retained, next.Data.Entries.Count, differences);
                all.AddRange(next.Data.Entries);
            }

            if (all.Count != head.Retained)
            {
                differences.Add($"{id} pages hold {all.Count} entries, retained {head.Retained}");
            }

            for (var i = 1; i < all.Count; i++)
            {
                if (all[i].Sequence >= all[i - 1].Sequence)
                {
                    differences.Add($"{id} entry seq {all[i].Sequence} is not older than seq {all[i - 1].Sequence}");
                    break;
                }
            }

            foreach (var entry in all.Where(e => DateOnly.FromDateTime(e.At.UtcDateTime) != date))
            {
                differences.Add($"{id} holds entry seq {entry.Sequence} of another day");
            }

            var counted = all.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var kind in counted.Keys.Union(head.CountsByKind.Select(c => c.Kind)))
            {
                var claimed = head.CountsByKind.FirstOrDefault(c => c.Kind == kind)?.Count ?? 0;
                var held = counted.GetValueOrDefault(kind);
                if (head.Total == head.Retained ? held != claimed : held > claimed)
                {
                    differences.Add($"{id} counts {claimed} {kind} but holds {held}");
                }
            }

            var counts = head.CountsByKind.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
            days.Add(new Day(date, head.Total, head.Retained, counts, all));
        }

        differences.AddRange(pages.Values.Select(p => $"{p.Doc.Id} exists but its day has no such page"));
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i - 1].Entries.Count > 0 && days[i].Entries.Count > 0
                && days[i].Entries[^1].Sequence <= days[i - 1].Entries[0].Sequence)
            {
                differences.Add($"day:{days[i].Date:yyyy-MM-dd} has entries older than the day before");
            }
        }

        return days;
    }

    private static void CheckPageSize(string id, int page, int pageCount, int retained, int held, List<string> differences)
    {
        var expected = page < pageCount ? PageSize : retained - (PageSize * (pageCount - 1));
        if (held != Math.Max(expected, 0))
        {
            differences.Add($"{id} page {page} holds {held} entries, expected {Math.Max(expected, 0)}");
        }
    }

    // Check 2: what one entry claims, against the rows the source still has.
    private static IEnumerable<string> Soundness(TimelineEntry e, SourceFacts facts)
    {
        if (!Kinds.Contains(e.Kind))
        {
            yield return "unknown kind";
            yield break;
        }

        var needs = (Player: !e.Kind.StartsWith("tournament-", StringComparison.Ordinal) && !e.Kind.Contains("email", StringComparison.Ordinal),
            Contract: e.Kind.StartsWith("contract-", StringComparison.Ordinal),
            Tournament: e.Kind.StartsWith("tournament-", StringComparison.Ordinal),
            Outbox: e.Kind == "outbox-failed");
        if ((needs.Player && e.PlayerId is null) || (needs.Contract && e.ContractId is null)
            || (needs.Tournament && e.TournamentId is null) || (needs.Outbox && e.OutboxId is null))
        {
            yield return "lacks an id its kind names";
        }

        foreach (var (table, id) in new (string, long?)[]
                 {
                     // An outbox row's aggregate_id is no foreign key: it may name a player that never was.
                     ("players", e.Kind == "outbox-failed" ? null : e.PlayerId),
                     ("parents", e.ParentId), ("teams", e.TeamId), ("teams", e.PreviousTeamId),
                     ("contracts", e.ContractId), ("tournaments", e.TournamentId), ("outbox", e.OutboxId),
                 })
        {
            if (id is { } value && value > facts.HighWater[table])
            {
                yield return $"names {table} id {value}, which never existed";
            }
        }

        if (e.ContractId is { } contractId && facts.Contracts.TryGetValue(contractId, out var contract))
        {
            if (contract.PlayerId != e.PlayerId || contract.Version != e.ContractVersion || contract.AmountCents != e.AmountCents)
            {
                yield return $"contract {contractId} has another player, version or amount";
            }

            if (e.Kind == "contract-signed" && contract.Status == "signed" && contract.SignerName != e.Detail)
            {
                yield return $"contract {contractId} was signed by another signer";
            }
        }

        if (e.OutboxId is { } outboxId && facts.Outbox.TryGetValue(outboxId, out var outbox)
            && (outbox.PlayerId != e.PlayerId || outbox.EventType != e.Method))
        {
            yield return $"outbox {outboxId} has another player or event type";
        }

        if (e.Kind is "jersey-paid" or "jersey-refund"
            && (e.AmountCents is not { } amount || (amount < 0) != (e.Kind == "jersey-refund") || e.Method is not ("stripe" or "cash" or "venmo" or "check")))
        {
            yield return "amount sign or method does not fit a jersey payment";
        }

        if (e.Kind == "welcome-email-sent" && e.Method != "contract_signed")
        {
            yield return "a welcome email that is not a contract_signed email";
        }
    }

    // Check 3, per row: every fact the source shows has its entry (when no entry was dropped).
    private static IEnumerable<string> Completeness(List<TimelineEntry> entries, SourceFacts facts)
    {
        var available = entries.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in facts.Expected.GroupBy(x => x))
        {
            var held = available.GetValueOrDefault(group.Key);
            if (held < group.Count())
            {
                yield return $"{group.Count() - held} {group.Key} missing";
            }
        }

        var latestByContract = entries.Where(e => e.ContractId is not null)
            .GroupBy(e => e.ContractId!.Value).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!.Kind);
        foreach (var (id, contract) in facts.Contracts)
        {
            if (latestByContract.TryGetValue(id, out var kind) && kind != "contract-" + contract.Status)
            {
                yield return $"contract {id}: latest entry is {kind}, the source says {contract.Status}";
            }
        }

        var latestTeam = entries.Where(e => e.Kind is "player-registered" or "player-assigned" && e.PlayerId is not null)
            .GroupBy(e => e.PlayerId!.Value).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!.TeamId);
        foreach (var (id, teamId) in facts.PlayerTeams)
        {
            if (latestTeam.TryGetValue(id, out var latest) && latest != teamId)
            {
                yield return $"player {id}: latest entry puts them on team {latest?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the source on {teamId?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
            }
        }
    }

    // Check 3, per kind, when some day dropped entries: CountsByKind still counts every entry.
    private static IEnumerable<string> Totals(List<Day> days, SourceFacts facts)
    {
        var counted = days.SelectMany(d => d.Counts).GroupBy(kv => Bucket(kv.Key)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        foreach (var group in facts.Expected.GroupBy(x => Bucket(x.Kind)))
        {
            var held = counted.GetValueOrDefault(group.Key);
            if (held < group.Count())
            {
                yield return $"{group.Key}: {held} counted, the source shows {group.Count()}";
            }
        }
    }

    // The jersey, dues and email kinds pool (a payment's entry says paid or refund; a subscription's
    // status shows as dues-started or as a status change; an email as sent or failed), so they are
    // compared per pool.
    private static string Bucket(string kind) =>
        kind switch
        {
            _ when kind.StartsWith("jersey", StringComparison.Ordinal) => "jersey",
            _ when kind.StartsWith("dues", StringComparison.Ordinal) => "dues",
            _ when kind.Contains("email", StringComparison.Ordinal) => "email",
            _ => kind,
        };

    // An entry as a completeness key: the fields the source can vouch for, per kind.
    private static ExpectedEntry Key(TimelineEntry e) => e.Kind switch
    {
        "jersey-paid" or "jersey-refund" => new("jersey", e.PlayerId, null, null, null, null, null),
        "dues-started" => new("dues:" + e.Detail, e.PlayerId, null, null, null, null, null),
        _ when e.Kind.StartsWith("dues-", StringComparison.Ordinal) =>
            new("dues:" + e.Kind["dues-".Length..].Replace('-', '_'), e.PlayerId, null, null, null, null, null),
        "tournament-registered" or "tournament-withdrawn" => new(e.Kind, e.PlayerId, null, e.TournamentId, e.TeamId, null, null),
        // A welcome email shows as sent or failed as it was logged; either vouches for the row.
        "email-failed" or "welcome-email-sent" => new("email", e.PlayerId, null, null, null, null, e.Method),
        _ => new(e.Kind, e.PlayerId, e.ContractId, e.TournamentId, null, e.OutboxId, null),
    };

    private static bool TryParse(string id, out DateOnly date, out int page)
    {
        date = default;
        page = 1;
        var key = id;
        var at = id.IndexOf(PagePrefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!int.TryParse(id.AsSpan(at + PagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 2)
            {
                return false;
            }

            key = id[..at];
        }

        return key.StartsWith(DayPrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(key.AsSpan(DayPrefix.Length), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && (page == 1 ? key : $"{key}{PagePrefix}{page}") == id;
    }

    private sealed record Day(DateOnly Date, int Total, int Retained, Dictionary<string, int> Counts, List<TimelineEntry> Entries);

    private sealed record ExpectedEntry(string Kind, int? PlayerId, int? ContractId, int? TournamentId, int? TeamId, long? OutboxId, string? Method)
    {
        public override string ToString() =>
            string.Join(' ', new object?[] { Kind, PlayerId, ContractId, TournamentId, TeamId, OutboxId, Method }
                .Select((v, i) => v is null ? null : i == 0 ? v.ToString() : $"{Names[i]} {v}").Where(s => s is not null));

        private static readonly string[] Names = ["kind", "player", "contract", "tournament", "team", "outbox", "type"];
    }

    private sealed record ContractFacts(int PlayerId, string Version, int AmountCents, string Status, string? SignerName);

    private sealed record OutboxFacts(int PlayerId, string EventType);

    // The source's side, read in plain SQL.
    private sealed record SourceFacts(
        Dictionary<string, long> HighWater,
        Dictionary<int, ContractFacts> Contracts,
        Dictionary<long, OutboxFacts> Outbox,
        Dictionary<int, int?> PlayerTeams,
        List<ExpectedEntry> Expected)
    {
        private static readonly string[] Tables = ["players", "parents", "teams", "contracts", "tournaments", "outbox"];

        public static async Task<SourceFacts> LoadAsync(OracleContext context, CancellationToken ct)
        {
            var highWater = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in Tables)
            {
                highWater[table] = await HighWaterAsync(context.Source, table, ct);
            }

            var contracts = (await context.RowsAsync(
                "select id, player_id, version, amount_cents, status, signer_name from contracts",
                r => (Id: r.GetInt32(0), Facts: new ContractFacts(r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.TextOrNull(5))),
                ct)).ToDictionary(c => c.Id, c => c.Facts);
            var outbox = (await context.RowsAsync(
                "select id, aggregate_id, event_type from outbox",
                r => (Id: r.GetInt64(0), Facts: new OutboxFacts(r.GetInt32(1), r.GetString(2))),
                ct)).ToDictionary(o => o.Id, o => o.Facts);
            var teams = (await context.RowsAsync("select id, team_id from players", r => (Id: r.GetInt32(0), TeamId: r.IntOrNull(1)), ct))
                .ToDictionary(p => p.Id, p => p.TeamId);

            // The entries the timeline's rules say each current row's state must have produced.
            var expected = await context.RowsAsync("""
                select 'player-registered', id, null::int, null::int, null::int, null::bigint, null::text from players
                union all select 'contract-' || status, player_id, id, null, null, null, null from contracts
                union all select 'tournament-scheduled', null, null, id, null, null, null from tournaments
                union all select 'tournament-' || status, player_id, null, tournament_id, team_id, null, null from tournament_registrations
                union all select 'outbox-failed', aggregate_id, null, null, null, id, null from outbox where status = 'failed'
                union all select 'jersey', player_id, null, null, null, null, null from jersey_payments
                union all select 'dues:' || status, player_id, null, null, null, null, null from subscriptions
                union all select 'email', player_id, null, null, null, null, email_type
                          from email_log where status = 'failed' or email_type = 'contract_signed'
                """,
                r => new ExpectedEntry(
                    r.GetString(0), r.IntOrNull(1), r.IntOrNull(2), r.IntOrNull(3), r.IntOrNull(4), r.LongOrNull(5), r.TextOrNull(6)),
                ct);
            return new SourceFacts(highWater, contracts, outbox, teams, expected);
        }

        // The largest id the table's identity ever handed out (or that was inserted explicitly and still exists).
        private static async Task<long> HighWaterAsync(NpgsqlConnection source, string table, CancellationToken ct)
        {
            await using var name = new NpgsqlCommand("select pg_get_serial_sequence(@table, 'id')", source);
            name.Parameters.AddWithValue("table", table);
            var sequence = (string)(await name.ExecuteScalarAsync(ct))!;
            await using var cmd = new NpgsqlCommand($"""
                select greatest(
                    (select case when is_called then last_value else last_value - 1 end from {sequence}),
                    (select coalesce(max(id), 0) from {table}))
                """, source);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
    }
}
