using System.Data;
using System.Text.Json.Nodes;
using Npgsql;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Projections.Families;
using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Differential;

// An oracle that cannot fail proves nothing: for the gaps, families and timeline oracles, one settled
// club, and documents tampered one way at a time (an entry removed, a value changed), each of which
// the oracle must report, while it reports nothing on the documents as the engine wrote them.
[Collection(EngineCollection.Name)]
public sealed class OracleSensitivityCTests(OracleSensitivityCTests.SettledClub club, OracleSensitivityCTests.LargeSettledClub large)
    : IClassFixture<OracleSensitivityCTests.SettledClub>, IClassFixture<OracleSensitivityCTests.LargeSettledClub>
{
    [Theory]
    [InlineData("gaps")]
    [InlineData("families")]
    [InlineData("timeline")]
    public async Task The_documents_as_the_engine_wrote_them_satisfy_the_oracle(string projection)
    {
        Assert.NotEmpty(club.Documents[projection]);

        Assert.Empty(await club.DifferencesAsync(projection, club.Documents[projection]));
    }

    [Fact]
    public async Task A_gap_that_forgets_which_team_the_player_is_on_is_reported()
    {
        var gap = club.Documents["gaps"].First(d => d.Id.StartsWith("signed-without-jersey/player:", StringComparison.Ordinal)
            && d.As<DataGapDocument>().Records.Any(r => r.Type == "team"));

        var differences = await club.DifferencesAsync("gaps", Tamper(club.Documents["gaps"], gap.Id, data =>
        {
            var records = data["records"]!.AsArray();
            records.Remove(records.First(r => (string?)r!["type"] == "team"));
        }));

        Assert.Contains(differences, d => d.Contains(gap.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pending_outbox_row_measured_from_the_wrong_time_is_reported()
    {
        var gap = club.Documents["gaps"].First(d => d.Id.StartsWith("outbox-pending/", StringComparison.Ordinal));

        var differences = await club.DifferencesAsync("gaps", Tamper(club.Documents["gaps"], gap.Id, data =>
            data["since"] = DateTimeOffset.Parse((string)data["since"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(-5)));

        Assert.Contains(differences, d => d.Contains(gap.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_player_without_a_team_who_vanished_from_the_gaps_is_reported()
    {
        var gap = club.Documents["gaps"].First(d => d.Id.StartsWith("player-without-team/", StringComparison.Ordinal));

        var differences = await club.DifferencesAsync("gaps", club.Documents["gaps"].Where(d => d.Id != gap.Id).ToList());

        Assert.Contains(differences, d => d.Contains(gap.Id, StringComparison.Ordinal) && d.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_summary_that_miscounts_unreachable_parents_is_reported()
    {
        var differences = await club.DifferencesAsync("gaps", Tamper(club.Documents["gaps"], "summary", data =>
        {
            var count = data["counts"]!.AsArray().First(c => (string?)c!["gap"] == "parent-unreachable")!;
            count["count"] = (int)count["count"]! + 1;
        }));

        Assert.Contains(differences, d => d.StartsWith("summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_family_page_that_shows_a_kids_jersey_as_paid_when_it_is_not_is_reported()
    {
        var family = club.Documents["families"].First(d => d.As<FamilyDocument>().Kids.Any(k => !k.Jersey.Paid));

        var differences = await club.DifferencesAsync("families", Tamper(club.Documents["families"], family.Id, data =>
        {
            var jersey = data["kids"]!.AsArray().Select(k => k!["jersey"]!).First(j => !(bool)j["paid"]!);
            jersey["paid"] = true;
        }));

        Assert.Contains(differences, d => d.Contains(family.Id, StringComparison.Ordinal) && d.Contains("jersey.paid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_family_page_that_lost_an_email_is_reported()
    {
        var family = club.Documents["families"].First(d => d.As<FamilyDocument>().Emails.Count > 1);

        var differences = await club.DifferencesAsync("families", Tamper(club.Documents["families"], family.Id, data =>
            data["emails"]!.AsArray().RemoveAt(1)));

        Assert.Contains(differences, d => d.Contains(family.Id, StringComparison.Ordinal) && d.Contains("emails", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_family_whose_parent_became_unreachable_on_the_page_only_is_reported()
    {
        var family = club.Documents["families"].First(d => d.As<FamilyDocument>().Reachable);

        var differences = await club.DifferencesAsync("families", Tamper(club.Documents["families"], family.Id, data =>
            data["reachable"] = false));

        Assert.Contains(differences, d => d.Contains(family.Id, StringComparison.Ordinal) && d.Contains("reachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_day_that_lost_an_entry_without_recounting_is_reported()
    {
        var day = club.Documents["timeline"].First(d => d.Kind == "day");

        var differences = await club.DifferencesAsync("timeline", Tamper(club.Documents["timeline"], day.Id, data =>
            data["entries"]!.AsArray().RemoveAt(0)));

        Assert.Contains(differences, d => d.Contains(day.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_naming_a_contract_that_never_existed_is_reported()
    {
        var (day, index) = FindEntry("contract-signed");

        var differences = await club.DifferencesAsync("timeline", Tamper(club.Documents["timeline"], day.Id, data =>
            data["entries"]![index]!["contractId"] = 987_654_321));

        Assert.Contains(differences, d => d.Contains("never existed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_timeline_that_files_one_players_registration_under_another_is_reported()
    {
        var (day, index) = FindEntry("player-registered");
        var entry = Entries(day)[index];
        var other = club.Documents["families"].Select(d => d.As<FamilyDocument>())
            .SelectMany(f => f.Kids).First(k => k.PlayerId != entry.PlayerId && k.TeamId == entry.TeamId);

        var differences = await club.DifferencesAsync("timeline", Tamper(club.Documents["timeline"], day.Id, data =>
        {
            data["entries"]![index]!["playerId"] = other.PlayerId;
            data["entries"]![index]!["parentId"] = null;
        }));

        Assert.Contains(differences, d => d.Contains($"player-registered player {entry.PlayerId} missing", StringComparison.Ordinal));
    }

    // Consistently recounted on the day's head document, so the day's own totals still add up: only the
    // source can tell.
    [Fact]
    public async Task A_timeline_that_recounts_a_registration_as_a_team_move_is_reported()
    {
        var (page, index) = FindEntry("player-registered");
        var head = page.Id.Split("/page:")[0];

        var relabelled = Tamper(club.Documents["timeline"], page.Id, data => data["entries"]![index]!["kind"] = "player-assigned");
        var differences = await club.DifferencesAsync("timeline", Tamper(relabelled, head, data =>
        {
            var counts = data["countsByKind"]!.AsArray();
            var registered = counts.First(c => (string?)c!["kind"] == "player-registered")!;
            registered["count"] = (int)registered["count"]! - 1;
            var assigned = counts.FirstOrDefault(c => (string?)c!["kind"] == "player-assigned");
            if (assigned is null)
            {
                var at = counts.TakeWhile(c => string.CompareOrdinal((string?)c!["kind"], "player-assigned") < 0).Count();
                counts.Insert(at, new JsonObject { ["kind"] = "player-assigned", ["count"] = 1 });
            }
            else
            {
                assigned["count"] = (int)assigned["count"]! + 1;
            }
        }));

        Assert.Contains(differences, d => d.Contains("player-registered", StringComparison.Ordinal));
        Assert.DoesNotContain(differences, d => d.Contains(head, StringComparison.Ordinal));
    }

    // A large club's first capture holds more entries than a day retains, so the oracle can only compare
    // each kind's count (which includes the dropped entries) with the source.
    [Fact]
    public async Task A_crowded_day_that_undercounts_registrations_is_reported()
    {
        var day = large.Documents["timeline"].Where(d => d.Kind == "day").Select(d => (Doc: d, Data: d.As<TimelineDayDocument>()))
            .First(d => d.Data.Total > d.Data.Retained);
        var retained = large.Documents["timeline"].Where(d => d.Id == day.Doc.Id || d.Id.StartsWith(day.Doc.Id + "/", StringComparison.Ordinal))
            .Sum(d => Entries(d).Count(e => e.Kind == "player-registered"));
        Assert.True(day.Data.CountsByKind.Single(c => c.Kind == "player-registered").Count > retained);
        Assert.Empty(await large.DifferencesAsync("timeline", large.Documents["timeline"]));

        var differences = await large.DifferencesAsync("timeline", Tamper(large.Documents["timeline"], day.Doc.Id, data =>
        {
            // Recounted within the day's total: one registration counted as a scheduled tournament instead.
            var counts = data["countsByKind"]!.AsArray();
            var registered = counts.First(c => (string?)c!["kind"] == "player-registered")!;
            var scheduled = counts.First(c => (string?)c!["kind"] == "tournament-scheduled")!;
            registered["count"] = (int)registered["count"]! - 1;
            scheduled["count"] = (int)scheduled["count"]! + 1;
        }));

        Assert.Contains(differences, d => d.Contains("player-registered: ", StringComparison.Ordinal));
        Assert.DoesNotContain(differences, d => d.Contains(day.Doc.Id, StringComparison.Ordinal));
    }

    // The first entry of a kind on any page of any day: the document and its index in "entries".
    private (StoredDocument Page, int Index) FindEntry(string kind)
    {
        foreach (var page in club.Documents["timeline"])
        {
            var index = Entries(page).FindIndex(e => e.Kind == kind);
            if (index >= 0)
            {
                return (page, index);
            }
        }

        throw new InvalidOperationException($"No {kind} entry in the timeline.");
    }

    private static List<TimelineEntry> Entries(StoredDocument page) =>
        page.Kind == "day" ? page.As<TimelineDayDocument>().Entries.ToList() : page.As<TimelinePageDocument>().Entries.ToList();

    private static List<StoredDocument> Tamper(IReadOnlyList<StoredDocument> documents, string id, Action<JsonNode> edit) =>
        documents.Select(d =>
        {
            if (d.Id != id)
            {
                return d;
            }

            var data = JsonNode.Parse(d.Data)!;
            edit(data);
            return d with { Data = data.ToJsonString() };
        }).ToList();

    public sealed class SettledClub() : ClubFixture(seed: 11, players: 150);

    // Large enough that the first capture overflows a timeline day (TimelineLog.MaxEntriesPerDay).
    public sealed class LargeSettledClub() : ClubFixture(seed: 23, players: 400);

    // One generated club, projected and settled once for the class; the documents as the engine wrote them.
    public abstract class ClubFixture(int seed, int players) : IAsyncLifetime
    {
        private DifferentialClub? _club;

        public Dictionary<string, List<StoredDocument>> Documents { get; private set; } = [];

        private DateTimeOffset AsOf { get; set; }

        public async Task InitializeAsync()
        {
            _club = await DifferentialClub.StartAsync(seed, players);
            await _club.SettleAsync();
            Documents = await _club.LiveDocumentsAsync();
            AsOf = (await new StoreProbe(_club.Store).FoldAsync()).AsOf;
        }

        public async Task<IReadOnlyList<string>> DifferencesAsync(string projection, IReadOnlyList<StoredDocument> documents)
        {
            var oracle = DifferentialClub.Oracles.Single(o => o.Projection == projection);
            await using var source = new NpgsqlConnection(_club!.SourceAdmin);
            await source.OpenAsync();
            await using var tx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            var differences = await oracle.DifferencesAsync(new OracleContext(source, documents, AsOf), CancellationToken.None);
            await tx.CommitAsync();
            return differences;
        }

        public async Task DisposeAsync()
        {
            if (_club is not null)
            {
                await _club.DisposeAsync();
            }
        }
    }
}
