using System.Data;
using System.Text.Json.Nodes;
using Npgsql;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Differential;

// The jerseys, contracts, dues, tournaments and progress oracles can fail: against one settled club,
// each one reports a document altered after the fact (an amount changed, an entry dropped, a document
// gone), and a source change the engine never saw (made inside the oracle's own transaction and rolled
// back), and nothing at all on the documents as the engine wrote them.
[Collection(EngineCollection.Name)]
public sealed class OracleSensitivityBTests(OracleSensitivityBTests.SettledClub club) : IClassFixture<OracleSensitivityBTests.SettledClub>
{
    public static TheoryData<string> Projections => new() { "jerseys", "contracts", "dues", "tournaments", "progress" };

    [Theory]
    [MemberData(nameof(Projections))]
    public async Task The_documents_as_the_engine_wrote_them_agree_with_the_oracle(string projection)
    {
        Assert.NotEmpty(club.Documents(projection));

        Assert.Empty(await club.DifferencesAsync(projection));
    }

    [Fact]
    public async Task A_team_whose_jersey_money_is_off_by_a_dollar_is_reported()
    {
        var team = club.Documents("jerseys").First(d => d.Kind == "team");

        var differences = await club.DifferencesAsync("jerseys", Alter(team.Id, d => d["netCents"] = d["netCents"]!.GetValue<long>() + 100));

        Assert.Contains(differences, d => d.StartsWith($"{team.Id}: netCents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_jersey_payment_missing_from_a_players_history_is_reported()
    {
        var team = club.Documents("jerseys").First(d => d.Kind == "team" && PaymentsOf(d).Any());

        var differences = await club.DifferencesAsync("jerseys", Alter(team.Id, d =>
        {
            var payments = d["players"]!.AsArray().Select(p => p!["payments"]!.AsArray()).First(p => p.Count > 0);
            payments.RemoveAt(0);
        }));

        Assert.Contains(differences, d => d.StartsWith(team.Id, StringComparison.Ordinal) && d.Contains(".payments has", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refund_the_documents_have_not_seen_is_reported()
    {
        var differences = await club.DifferencesAsync("jerseys", source: """
            insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by)
            select player_id, -amount_cents, method, paid_at + interval '1 day', recorded_by
            from jersey_payments
            where id = (select min(id) from jersey_payments j
                        where amount_cents > 0 and (select count(*) from jersey_payments o where o.player_id = j.player_id) = 1)
            """);

        Assert.Contains(differences, d => d.StartsWith("summary: refundedCents is", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("team:", StringComparison.Ordinal) && d.Contains(": unpaidCount is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_listed_out_of_unpaid_order_are_reported()
    {
        var teams = club.Documents("jerseys").Where(d => d.Kind == "team").OrderBy(d => d.SortKey, StringComparer.Ordinal).ToList();
        var (first, last) = (teams[0], teams[^1]);
        var swapped = club.Documents("jerseys")
            .Select(d => d.Id == first.Id ? d with { SortKey = last.SortKey } : d.Id == last.Id ? d with { SortKey = first.SortKey } : d)
            .ToList();

        var differences = await club.DifferencesAsync("jerseys", _ => swapped);

        Assert.Contains(differences, d => d.StartsWith("team listing: position 1 is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_renamed_player_is_reported_without_printing_the_name()
    {
        var team = club.Documents("jerseys").First(d => d.Kind == "team");
        var name = JsonNode.Parse(team.Data)!["players"]![0]!["firstName"]!.GetValue<string>();

        var differences = await club.DifferencesAsync("jerseys", Alter(team.Id, d => d["players"]![0]!["firstName"] = "Zz" + name));

        var difference = Assert.Single(differences);
        Assert.EndsWith(".firstName is (text), expected (text)", difference, StringComparison.Ordinal);
        Assert.DoesNotContain(name, difference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_voided_behind_the_audits_back_is_reported()
    {
        var differences = await club.DifferencesAsync("contracts", source: """
            update contracts set status = 'voided' where id = (select min(id) from contracts where status = 'signed')
            """);

        Assert.Contains(differences, d => d.StartsWith("summary: signedCount", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains(".status is signed, expected voided", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contract_history_missing_its_resent_version_is_reported()
    {
        var contract = club.Documents("contracts").First(d => d.Kind == "contract" && JsonNode.Parse(d.Data)!["history"]!.AsArray().Count > 1);

        var differences = await club.DifferencesAsync("contracts", Alter(contract.Id, d => d["history"]!.AsArray().RemoveAt(1)));

        Assert.Contains($"{contract.Id}: history has 1 items, expected 2", differences);
    }

    [Fact]
    public async Task A_version_total_signed_for_a_different_amount_is_reported()
    {
        var differences = await club.DifferencesAsync("contracts", Alter("summary", d =>
        {
            var version = d["byVersion"]![0]!;
            version["signedAmountCents"] = version["signedAmountCents"]!.GetValue<long>() + 1;
        }));

        Assert.Contains(differences, d => d.StartsWith("summary: byVersion[0].signedAmountCents is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_past_due_subscription_missing_from_the_list_is_reported()
    {
        var pastDue = club.Documents("dues").First(d => d.Kind == "past-due");

        var differences = await club.DifferencesAsync("dues", documents => documents.Where(d => d.Id != pastDue.Id).ToList());

        Assert.Contains($"{pastDue.Id}: missing", differences);
    }

    [Fact]
    public async Task A_subscription_that_lapsed_after_the_documents_were_written_is_reported()
    {
        var differences = await club.DifferencesAsync("dues", source: """
            update subscriptions set status = 'past_due' where id = (select min(id) from subscriptions where status = 'active')
            """);

        Assert.Contains(differences, d => d.StartsWith("past-due:", StringComparison.Ordinal) && d.EndsWith(": missing", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("summary: pastDueSubscriptions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_dues_total_off_by_a_month_is_reported()
    {
        var team = club.Documents("dues").First(d => d.Kind == "team");

        var differences = await club.DifferencesAsync("dues", Alter(team.Id, d => d["monthlyActiveCents"] = d["monthlyActiveCents"]!.GetValue<long>() + 5000));

        Assert.Contains(differences, d => d.StartsWith($"{team.Id}: monthlyActiveCents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tournament_entry_missing_a_registration_is_reported()
    {
        var entry = club.Documents("tournaments").First(d => d.Kind == "entry" && JsonNode.Parse(d.Data)!["registrations"]!.AsArray().Count > 1);

        var differences = await club.DifferencesAsync("tournaments", Alter(entry.Id, d => d["registrations"]!.AsArray().RemoveAt(0)));

        Assert.Contains(differences, d => d.StartsWith($"{entry.Id}: registrations has", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fee_paid_at_the_desk_after_the_documents_were_written_is_reported()
    {
        var differences = await club.DifferencesAsync("tournaments", source: """
            update tournament_registrations set fee_paid = not fee_paid
            where id = (select min(id) from tournament_registrations where status = 'registered')
            """);

        Assert.Contains(differences, d => d.Contains(".feePaid is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tournament_owing_a_different_fee_is_reported()
    {
        var head = club.Documents("tournaments").First(d => d.Kind == "tournament");

        var differences = await club.DifferencesAsync("tournaments", Alter(head.Id, d => d["feeOutstandingCents"] = d["feeOutstandingCents"]!.GetValue<long>() + 3500));

        Assert.Contains(differences, d => d.StartsWith($"{head.Id}: feeOutstandingCents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_player_who_signed_after_the_documents_were_written_moves_their_teams_progress()
    {
        var differences = await club.DifferencesAsync("progress", source: """
            update players set contract_status = 'signed' where id = (select min(id) from players where contract_status = 'none')
            """);

        Assert.Contains(differences, d => d.StartsWith("club: figures.signedCount", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("team:", StringComparison.Ordinal) && d.Contains("figures.signedPermille", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Club_progress_counting_contract_money_twice_is_reported()
    {
        var differences = await club.DifferencesAsync("progress", Alter("club", d =>
        {
            var figures = d["figures"]!;
            figures["contractSignedCents"] = figures["contractSignedCents"]!.GetValue<long>() * 2;
        }));

        Assert.Contains(differences, d => d.StartsWith("club: figures.contractSignedCents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_missing_from_the_progress_board_is_reported()
    {
        var team = club.Documents("progress").First(d => d.Kind == "team");

        var differences = await club.DifferencesAsync("progress", documents => documents.Where(d => d.Id != team.Id).ToList());

        Assert.Contains($"{team.Id}: missing", differences);
    }

    // Committed changes while the engine runs, each in its own transaction a little apart so they land in
    // different polls: every oracle must agree once the store has caught up, twice over.
    [Fact]
    public async Task Refunds_resends_lapses_withdrawals_team_moves_and_a_crowd_without_a_team_all_reach_the_documents()
    {
        await using var mutated = await DifferentialClub.StartAsync(seed: 5, players: 200);
        await mutated.SettleAsync();

        await ApplyAsync(mutated, FirstRound);
        await mutated.SettleAsync();
        Assert.Empty(await mutated.DifferencesAsync());
        Assert.Contains("team:none/page:2", await JerseyIdsAsync(mutated));

        await ApplyAsync(mutated, SecondRound);
        await mutated.SettleAsync();
        Assert.Empty(await mutated.DifferencesAsync());
        var ids = await JerseyIdsAsync(mutated);
        Assert.DoesNotContain("team:none/page:2", ids);
        Assert.Contains(ids, id => id.EndsWith("/page:2", StringComparison.Ordinal));
    }

    // 130 walk-ons without a team (the no-team group outgrows a page), refunds and cash, a contract voided
    // and re-sent, one signed, one declined, dues lapsing and resuming, a blank parent email, tournament
    // withdrawals, fees, a new team-level entry and a removed row, players moving team, a team renamed.
    private static readonly string[] FirstRound =
    [
        """
        insert into players (parent_id, team_id, first_name, last_name, birth_year, contract_status)
        select (select min(id) from parents), null, 'Walkon', 'On ' || g, 2012, 'none' from generate_series(1, 130) g;
        insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by)
        select id, 4500, 'cash', now(), 'Front desk' from players where first_name = 'Walkon' and id % 2 = 0;
        insert into subscriptions (player_id, parent_id, amount_cents, status, current_period_end)
        select id, parent_id, 6000, case when id % 3 = 0 then 'past_due' else 'active' end, current_date + (id % 20)
        from players where first_name = 'Walkon' and id % 5 = 0;
        """,
        """
        insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by, note)
        select player_id, -amount_cents, method, now(), recorded_by, 'refund'
        from jersey_payments where id = (select min(id) from jersey_payments where amount_cents > 0);
        insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by)
        select p.id, 4500, 'cash', now(), 'Coach desk' from players p
        where p.team_id is not null and not exists (select 1 from jersey_payments j where j.player_id = p.id)
        order by p.id limit 1;
        """,
        """
        with old as (update contracts set status = 'voided' where id = (select min(id) from contracts where status = 'sent')
                     returning player_id, amount_cents)
        insert into contracts (player_id, version, amount_cents, status, sent_at)
        select player_id, '2099-test-v9', amount_cents + 500, 'sent', now() from old;
        """,
        """
        with signed as (update contracts set status = 'signed', signed_at = now(), signer_name = 'A Parent'
                        where id = (select min(id) from contracts where status = 'sent' and version <> '2099-test-v9')
                        returning player_id)
        update players set contract_status = 'signed', updated_at = now() where id in (select player_id from signed);
        update players set contract_status = 'declined', updated_at = now()
        where id = (select max(id) from players where contract_status = 'sent');
        """,
        """
        update subscriptions set status = 'past_due' where id = (select min(id) from subscriptions where status = 'active');
        update parents set email = '   ', phone = null
        where id = (select parent_id from subscriptions where status = 'past_due' order by id limit 1);
        update subscriptions set status = 'active', current_period_end = current_date + 20
        where id = (select min(id) from subscriptions where status = 'canceled');
        """,
        """
        update tournament_registrations set status = 'withdrawn'
        where id = (select min(id) from tournament_registrations where status = 'registered' and player_id is not null);
        update tournament_registrations set fee_paid = true
        where id = (select min(id) from tournament_registrations where status = 'registered' and not fee_paid);
        insert into tournament_registrations (tournament_id, team_id, player_id, status, fee_paid, registered_at)
        select (select max(id) from tournaments), t.id, null, 'registered', false, now() from teams t
        where not exists (select 1 from tournament_registrations r where r.tournament_id = (select max(id) from tournaments) and r.team_id = t.id)
        order by t.id limit 1;
        delete from tournament_registrations where id = (select max(id) from tournament_registrations where player_id is not null);
        """,
        """
        update players set team_id = (select max(id) from teams), updated_at = now()
        where id = (select min(id) from players where team_id = (select min(id) from teams));
        update players set team_id = null, updated_at = now() where id = (select max(id) from players where team_id is not null);
        update teams set name = name || ' Elite' where id = (select min(id) from teams);
        """,
        """
        delete from jersey_payments where id = (select max(id) from jersey_payments where method = 'stripe');
        delete from subscriptions where id = (select max(id) from subscriptions where status = 'canceled');
        """,
    ];

    // 100 walk-ons join the first team (it outgrows a page, the no-team group shrinks back to one), a voided
    // contract and a whole tournament are removed, a team loses its GroupMe and changes age group, and a
    // player with no other rows leaves the club.
    private static readonly string[] SecondRound =
    [
        """
        update players set team_id = (select min(id) from teams), updated_at = now()
        where id in (select id from players where first_name = 'Walkon' order by id limit 100);
        """,
        """
        delete from contracts where id = (select min(id) from contracts where status = 'voided');
        """,
        """
        delete from tournament_registrations where tournament_id = (select max(id) from tournaments);
        delete from tournaments where id = (select max(id) from tournaments);
        """,
        """
        update teams set age_group = '17U', groupme_share_url = null where id = (select max(id) from teams);
        """,
        """
        delete from players where id = (
            select max(p.id) from players p
            where not exists (select 1 from jersey_payments j where j.player_id = p.id)
              and not exists (select 1 from subscriptions s where s.player_id = p.id)
              and not exists (select 1 from contracts c where c.player_id = p.id)
              and not exists (select 1 from tournament_registrations r where r.player_id = p.id)
              and not exists (select 1 from email_log e where e.player_id = p.id));
        """,
    ];

    private static async Task<List<string>> JerseyIdsAsync(DifferentialClub mutated) =>
        (await mutated.LiveDocumentsAsync())["jerseys"].Select(d => d.Id).ToList();

    private static async Task ApplyAsync(DifferentialClub mutated, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            await mutated.SourceExecAsync(step);
            await Task.Delay(DifferentialClub.PollInterval);
        }
    }

    private static IEnumerable<JsonNode?> PaymentsOf(StoredDocument team) =>
        JsonNode.Parse(team.Data)!["players"]!.AsArray().SelectMany(p => p!["payments"]!.AsArray());

    // The documents with one document's JSON edited, everything else as the engine wrote it.
    private static Func<IReadOnlyList<StoredDocument>, IReadOnlyList<StoredDocument>> Alter(string id, Action<JsonObject> edit) =>
        documents =>
        {
            Assert.Contains(documents, d => d.Id == id);
            return documents.Select(d =>
            {
                if (d.Id != id)
                {
                    return d;
                }

                var data = JsonNode.Parse(d.Data)!.AsObject();
                edit(data);
                return d with { Data = data.ToJsonString() };
            }).ToList();
        };

    // One generated club, projected and settled once for the whole class; the tests never commit a
    // source change, so its documents stay as the engine wrote them.
    public sealed class SettledClub : IAsyncLifetime
    {
        private DifferentialClub? _club;
        private Dictionary<string, List<StoredDocument>> _documents = [];
        private DateTimeOffset _asOf;

        public IReadOnlyList<StoredDocument> Documents(string projection) => _documents.GetValueOrDefault(projection, []);

        public async Task InitializeAsync()
        {
            _club = await DifferentialClub.StartAsync(seed: 11, players: 150);
            await _club.SettleAsync();
            _documents = await _club.LiveDocumentsAsync();
            _asOf = (await new StoreProbe(_club.Store).FoldAsync()).AsOf;
        }

        // One oracle against the (optionally tampered) documents, inside a REPEATABLE READ source transaction
        // that first runs `source` (a change the engine never sees) and is always rolled back.
        public async Task<IReadOnlyList<string>> DifferencesAsync(
            string projection,
            Func<IReadOnlyList<StoredDocument>, IReadOnlyList<StoredDocument>>? tamper = null,
            string? source = null)
        {
            var oracle = DifferentialClub.Oracles.Single(o => o.Projection == projection);
            await using var conn = new NpgsqlConnection(_club!.SourceAdmin);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            if (source is not null)
            {
                await using var cmd = new NpgsqlCommand(source, conn, tx);
                Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
            }

            var documents = Documents(projection);
            var context = new OracleContext(conn, tamper is null ? documents : tamper(documents), _asOf);
            var differences = await oracle.DifferencesAsync(context, CancellationToken.None);
            await tx.RollbackAsync();
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
