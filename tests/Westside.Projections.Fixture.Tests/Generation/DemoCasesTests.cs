namespace Westside.Projections.Fixture.Tests.Generation;

// One test per story SOURCE.md asks the demo data to tell ("Demo data the fixture generator must
// produce"), for every dataset in Datasets.SeedsAndSizes.
public class DemoCasesTests
{
    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Every_team_has_unsigned_sent_declined_and_signed_players(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        foreach (var team in data.Teams)
        {
            var statuses = data.Players.Where(p => p.TeamId == team.Id).Select(p => p.ContractStatus).ToHashSet();
            Assert.Superset(new HashSet<string> { "none", "sent", "declined", "signed" }, statuses);
        }
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_players_have_no_team_and_some_of_them_already_signed(int seed, int players)
    {
        var teamless = Datasets.Of(seed, players).Players.Where(p => p.TeamId is null).ToList();
        Assert.True(teamless.Count >= 3);
        Assert.Contains(teamless, p => p.ContractStatus == "signed");
        Assert.Contains(teamless, p => p.ContractStatus == "none");
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Parents_have_one_to_four_kids_and_many_have_two_or_three(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var kids = data.Players.GroupBy(p => p.ParentId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(data.Parents.Count, kids.Count);
        Assert.All(kids.Values, n => Assert.InRange(n, 1, 4));
        Assert.True(kids.Values.Count(n => n is 2 or 3) >= data.Parents.Count / 3);
        Assert.Contains(kids.Values, n => n == 4);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_parents_have_several_unsigned_kids(int seed, int players)
    {
        var unsignedPerParent = Datasets.Of(seed, players).Players
            .GroupBy(p => p.ParentId)
            .Select(g => (Kids: g.Count(), Unsigned: g.Count(p => p.ContractStatus == "none")))
            .ToList();
        Assert.True(unsignedPerParent.Count(f => f.Unsigned >= 2) >= 3);
        Assert.Contains(unsignedPerParent, f => f.Kids >= 3 && f.Unsigned >= 3);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_parents_have_no_email_some_no_phone_and_some_neither(int seed, int players)
    {
        var parents = Datasets.Of(seed, players).Parents;
        Assert.Contains(parents, p => p.Email is null && p.Phone is not null);
        Assert.Contains(parents, p => p.Email is not null && p.Phone is null);
        Assert.Contains(parents, p => p.Email is null && p.Phone is null);
        Assert.True(parents.Count(p => p.Email is not null && p.Phone is not null) > parents.Count / 2);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Jersey_payments_use_every_method_and_some_players_have_not_paid(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        Assert.Equal(["cash", "check", "stripe", "venmo"], data.JerseyPayments.Select(p => p.Method).Distinct().Order());
        var payers = data.JerseyPayments.Select(p => p.PlayerId).ToHashSet();
        Assert.Contains(data.Players, p => !payers.Contains(p.Id));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Cash_payments_record_who_took_them(int seed, int players)
    {
        var cash = Datasets.Of(seed, players).JerseyPayments.Where(p => p.Method == "cash").ToList();
        Assert.NotEmpty(cash);
        Assert.All(cash, p => Assert.Contains(p.RecordedBy, Names.Staff));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_refunds_net_a_payment_to_zero_and_some_only_in_part(int seed, int players)
    {
        var perPlayer = Datasets.Of(seed, players).JerseyPayments
            .GroupBy(p => p.PlayerId)
            .Where(g => g.Any(p => p.AmountCents < 0))
            .Select(g => (Paid: g.Where(p => p.AmountCents > 0).Sum(p => p.AmountCents), Net: g.Sum(p => p.AmountCents)))
            .ToList();
        Assert.Contains(perPlayer, p => p.Net == 0);
        Assert.Contains(perPlayer, p => p.Net > 0 && p.Net < p.Paid);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_contracts_were_resent_with_a_new_version_after_voiding_the_first(int seed, int players)
    {
        var resent = Datasets.Of(seed, players).Contracts
            .GroupBy(c => c.PlayerId)
            .Where(g => g.Count() > 1)
            .Select(g => g.OrderBy(c => c.SentAt).ToList())
            .ToList();
        Assert.True(resent.Count >= 2);
        Assert.All(resent, history =>
        {
            Assert.Equal("voided", history[0].Status);
            Assert.NotEqual(history[0].Version, history[^1].Version);
            Assert.NotEqual("voided", history[^1].Status);
        });
        Assert.Contains(resent, h => h[^1].Status == "signed");
        Assert.Contains(resent, h => h[^1].Status == "sent");
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_contracts_were_declined_and_some_unsigned_players_have_only_a_voided_one(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        Assert.Contains(data.Contracts, c => c.Status == "declined" && c.DeclinedAt is not null);
        var voidedOnly = data.Contracts.GroupBy(c => c.PlayerId).Where(g => g.All(c => c.Status == "voided")).Select(g => g.Key);
        Assert.All(voidedOnly, id => Assert.Equal("none", data.Players[id - 1].ContractStatus));
        Assert.NotEmpty(voidedOnly);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Subscriptions_exist_in_every_status(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        Assert.Equal(["active", "canceled", "past_due"], data.Subscriptions.Select(s => s.Status).Distinct().Order());
        var today = DateOnly.FromDateTime(data.AsOf.UtcDateTime);
        Assert.All(data.Subscriptions.Where(s => s.Status == "active"), s => Assert.True(s.CurrentPeriodEnd > today));
        Assert.All(data.Subscriptions.Where(s => s.Status == "past_due"), s => Assert.True(s.CurrentPeriodEnd < today));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void There_is_a_past_tournament_and_upcoming_ones_with_registration_deadlines(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var today = DateOnly.FromDateTime(data.AsOf.UtcDateTime);
        Assert.InRange(data.Tournaments.Count, 2, 3);
        Assert.Contains(data.Tournaments, t => t.EndsOn < today);
        var upcoming = data.Tournaments.Where(t => t.StartsOn > today).ToList();
        Assert.NotEmpty(upcoming);
        Assert.All(upcoming, t => Assert.True(t.RegistrationDeadline is { } d && d >= today && d < t.StartsOn));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Tournament_registrations_are_partial(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        foreach (var tournament in data.Tournaments)
        {
            var rows = data.TournamentRegistrations.Where(r => r.TournamentId == tournament.Id).ToList();
            var teams = rows.Select(r => r.TeamId).ToHashSet();
            Assert.InRange(teams.Count, 1, data.Teams.Count - 1);
            Assert.Contains(rows, r => r is { Status: "registered", FeePaid: true });
            Assert.Contains(rows, r => r is { Status: "registered", FeePaid: false });
            Assert.Contains(rows, r => r.Status == "withdrawn");
        }

        Assert.Contains(data.TournamentRegistrations, r => r.PlayerId is null);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Outbox_rows_are_processed_pending_for_hours_or_failed_with_errors(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var processed = data.Outbox.Where(o => o.Status == "processed").ToList();
        Assert.NotEmpty(processed);
        Assert.All(processed, o => Assert.InRange((o.ProcessedAt!.Value - o.CreatedAt).TotalSeconds, 1, 15 * 60));

        var pending = data.Outbox.Where(o => o.Status == "pending").ToList();
        Assert.True(pending.Count >= 3);
        Assert.All(pending, o => Assert.InRange((data.AsOf - o.CreatedAt).TotalHours, 1, 9));
        Assert.All(pending, o => Assert.Null(o.ProcessedAt));

        var failed = data.Outbox.Where(o => o.Status == "failed").ToList();
        Assert.True(failed.Count >= 2);
        Assert.All(failed, o => Assert.True(o.Attempts > 1 && !string.IsNullOrEmpty(o.LastError) && o.ProcessedAt is null));
        Assert.Contains(failed, o => o.EventType == "contract_signed");
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Some_signed_contracts_have_no_outbox_row(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var withRow = data.Outbox.Where(o => o.EventType == "contract_signed").Select(o => o.AggregateId).ToList();
        var signed = data.Players.Where(p => p.ContractStatus == "signed").Select(p => p.Id).ToList();
        Assert.Equal(withRow.Count, withRow.Distinct().Count());
        Assert.Empty(withRow.Except(signed));
        var missing = signed.Except(withRow).Count();
        Assert.InRange(missing, 2, Math.Max(2, signed.Count / 10));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Most_processed_signings_have_a_welcome_email_but_some_do_not(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var emailed = data.EmailLog.Where(e => e is { EmailType: "contract_signed", Status: "sent" }).Select(e => e.PlayerId).ToHashSet();
        var processed = data.Outbox.Where(o => o is { EventType: "contract_signed", Status: "processed" }).ToList();
        var without = processed.Count(o => !emailed.Contains(o.AggregateId));
        Assert.InRange(without, 2, processed.Count / 2);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Emails_of_every_type_are_logged_and_some_failed_with_an_error(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        Assert.Equal(
            ["announcement", "contract_signed", "registration", "reminder", "roster_export"],
            data.EmailLog.Select(e => e.EmailType).Distinct().Order());
        Assert.Contains(data.EmailLog, e => e is { Status: "failed", EmailType: "contract_signed" });
        Assert.All(data.EmailLog, e => Assert.Equal(e.Status == "failed", e.Error is not null));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void A_couple_of_teams_have_no_GroupMe_share_link(int seed, int players)
    {
        var teams = Datasets.Of(seed, players).Teams;
        Assert.True(teams.Count(t => t.GroupMeShareUrl is null) >= 2);
        Assert.Contains(teams, t => t is { GroupMeShareUrl: null, GroupMeGroupId: not null });
        Assert.True(teams.Count(t => t.GroupMeShareUrl is not null) > teams.Count / 2);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Names_include_accents_apostrophes_and_HTML_like_text(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var kidNames = data.Players.Select(p => p.FirstName).ToHashSet();
        Assert.Superset(new HashSet<string> { "José", "Zoë", "Renée", "D'Angelo" }, kidNames);
        Assert.Contains(data.Parents, p => p.FirstName == "<script>alert(1)</script>");
        Assert.Contains(data.Parents, p => p.LastName == "<b>Bold</b>");
        Assert.Contains(data.Parents, p => p.LastName == "O'Brien");
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Teams_span_every_age_group_and_both_genders(int seed, int players)
    {
        var teams = Datasets.Of(seed, players).Teams;
        Assert.Equal(["10U", "11U", "12U", "13U", "14U", "15U", "16U", "17U"], teams.Select(t => t.AgeGroup).Distinct().Order());
        Assert.Equal(["boys", "girls"], teams.Select(t => t.Gender).Distinct().Order());
    }
}
