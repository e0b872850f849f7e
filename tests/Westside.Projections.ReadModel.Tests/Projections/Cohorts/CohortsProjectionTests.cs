using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Cohorts;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Cohorts;

public sealed class CohortsProjectionTests
{
    private readonly ProjectionHarness _club = new(new CohortsProjection());

    private IReadOnlyList<string> AllEmails(string cohort)
    {
        var head = _club.Data<CohortDocument>($"{cohort}/all");
        return head.PageIds.SelectMany(id => _club.Data<CohortPageDocument>(id).Emails).ToList();
    }

    [Fact]
    public void A_parent_with_three_unsigned_kids_appears_once_in_the_email_list()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, ageGroup: "12U")),
            new TeamAdded(Rows.Team(2, ageGroup: "14U")),
            new ParentRegistered(Rows.Parent(1, email: "mom@example.com")),
            new ParentRegistered(Rows.Parent(2, email: "dad@example.com")),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, 2, "none")),
            new PlayerRegistered(Rows.Player(3, 1, null, "declined")),
            new PlayerRegistered(Rows.Player(4, 2, 1, "signed")));

        var all = _club.Data<CohortDocument>("unsigned/all");

        Assert.Equal((3, 1, 1), (all.PlayerCount, all.ParentCount, all.EmailCount));
        Assert.Equal(["mom@example.com"], AllEmails("unsigned"));
        Assert.Equal(["mom@example.com"], _club.Data<CohortDocument>("unsigned/team:1").Emails);
        Assert.Equal(["mom@example.com"], _club.Data<CohortPageDocument>("unsigned/age:14U/page:0000").Emails);
        Assert.Equal(1, _club.Data<CohortDocument>("unsigned/team:none").PlayerCount);
        Assert.Null(_club.Find("unsigned/age:10U"));
    }

    [Fact]
    public void Emails_are_sorted_and_families_sharing_an_address_in_any_case_collapse_to_one()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1, email: "zed@example.com")),
            new ParentRegistered(Rows.Parent(2, email: " Family@Example.com ")),
            new ParentRegistered(Rows.Parent(3, email: "family@example.com")),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 2, 1, "sent")),
            new PlayerRegistered(Rows.Player(3, 3, 1, "sent")));

        var team = _club.Data<CohortDocument>("sent-not-signed/team:1");

        Assert.Equal(["Family@Example.com", "zed@example.com"], team.Emails);
        Assert.Equal((3, 3, 2), (team.PlayerCount, team.ParentCount, team.EmailCount));
    }

    [Fact]
    public void Parents_without_an_email_are_listed_with_name_and_phone_so_nobody_is_silently_dropped()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1, "Zoë", "O'Brien", email: null, phone: "555-0101")),
            new ParentRegistered(Rows.Parent(2, "<i>Al</i>", "Nuñez", email: "   ", phone: null)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "declined")),
            new PlayerRegistered(Rows.Player(2, 2, 1, "declined")),
            new PlayerRegistered(Rows.Player(3, 2, 1, "declined")));

        var team = _club.Data<CohortDocument>("declined/team:1");

        Assert.Empty(team.Emails);
        Assert.Equal(2, team.ParentsWithoutEmailCount);
        var zoe = team.ParentsWithoutEmail[0];
        Assert.Equal((1, "Zoë", "O'Brien", "555-0101"), (zoe.ParentId, zoe.FirstName!, zoe.LastName!, zoe.Phone!));
        Assert.Equal([1], zoe.PlayerIds);
        Assert.Equal(("<i>Al</i>", (string?)null), (team.ParentsWithoutEmail[1].FirstName, team.ParentsWithoutEmail[1].Phone));
        Assert.Equal([2, 3], team.ParentsWithoutEmail[1].PlayerIds);
    }

    [Fact]
    public void A_jersey_paid_then_fully_refunded_puts_the_family_back_in_the_unpaid_cohort()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", recordedBy: "Marcus")));
        Assert.Null(_club.Find("jersey-unpaid/team:1"));
        Assert.Null(_club.Find("jersey-unpaid/all"));

        _club.Apply(new JerseyPaymentRecorded(Rows.Payment(2, 1, -3500, "cash")));

        Assert.Equal(["parent1@example.com"], _club.Data<CohortDocument>("jersey-unpaid/team:1").Emails);
    }

    [Fact]
    public void Past_due_dues_make_a_cohort_and_paying_up_empties_it()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new SubscriptionStarted(Rows.Subscription(1, 1, 1, "past_due")));
        Assert.Equal(1, _club.Data<CohortDocument>("dues-past-due/team:1").PlayerCount);

        _club.Apply(new SubscriptionStatusChanged(Rows.Subscription(1, 1, 1, "active"), "past_due"));

        Assert.Null(_club.Find("dues-past-due/team:1"));
        Assert.Null(_club.Find("dues-past-due/all"));
    }

    [Fact]
    public void An_upcoming_tournament_has_a_not_registered_cohort_that_a_team_registration_shrinks()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new TeamAdded(Rows.Team(2)),
            new ParentRegistered(Rows.Parent(1)),
            new ParentRegistered(Rows.Parent(2)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new PlayerRegistered(Rows.Player(2, 2, 2, "signed")),
            new TournamentScheduled(Rows.Tournament(7, "Spring Cup", new DateOnly(2026, 4, 10))));
        Assert.Equal(2, _club.Data<CohortDocument>("not-registered-7/all").PlayerCount);

        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 7, 1), null));

        Assert.Equal(1, _club.Data<CohortDocument>("not-registered-7/all").PlayerCount);
        Assert.Null(_club.Find("not-registered-7/team:1"));
        Assert.Equal("Not registered: Spring Cup", _club.Data<CohortDocument>("not-registered-7/team:2").CohortLabel);

        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 7, 1, status: "withdrawn"), "registered"));

        Assert.Equal(2, _club.Data<CohortDocument>("not-registered-7/all").PlayerCount);
    }

    [Fact]
    public void A_player_withdrawn_on_their_own_is_not_registered_even_when_the_team_is()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "signed")),
            new TournamentScheduled(Rows.Tournament(7)),
            new TournamentRegistrationChanged(Rows.Registration(1, 7, 1), null),
            new TournamentRegistrationChanged(Rows.Registration(2, 7, 1, playerId: 2, status: "withdrawn"), null));

        var team = _club.Data<CohortDocument>("not-registered-7/team:1");

        Assert.Equal(1, team.PlayerCount);
        Assert.Equal(["parent1@example.com"], team.Emails);
    }

    [Fact]
    public void When_a_tournament_ends_its_cohort_documents_go_away_the_next_day()
    {
        _club.ApplyAt(
            Rows.At(9),
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new TournamentScheduled(Rows.Tournament(7, startsOn: new DateOnly(2026, 3, 9), days: 2)));
        Assert.NotNull(_club.Find("not-registered-7/team:1"));

        _club.ApplyAt(Rows.At(10, 23), new ParentChanged(Rows.Parent(2)));
        Assert.NotNull(_club.Find("not-registered-7/all"));

        _club.ApplyAt(Rows.At(11, 1), new ParentChanged(Rows.Parent(3)));

        Assert.DoesNotContain(_club.Documents().Keys, id => id.StartsWith("not-registered-7/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_team_changing_age_group_moves_its_families_between_age_cohorts()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, ageGroup: "12U")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")));
        Assert.NotNull(_club.Find("unsigned/age:12U"));

        _club.Apply(new TeamChanged(Rows.Team(1, ageGroup: "13U")));

        Assert.Null(_club.Find("unsigned/age:12U"));
        Assert.Equal("13U", _club.Data<CohortDocument>("unsigned/team:1").AgeGroup);
        Assert.Equal(1, _club.Data<CohortDocument>("unsigned/age:13U").PlayerCount);
    }

    [Fact]
    public void Wide_scopes_are_paged_by_parent_id_so_one_family_change_touches_one_page()
    {
        var club = new ProjectionHarness(new CohortsProjection(bucketSize: 10));
        club.Apply(
            new ParentRegistered(Rows.Parent(3)),
            new ParentRegistered(Rows.Parent(15)),
            new PlayerRegistered(Rows.Player(1, 3, null, "sent")),
            new PlayerRegistered(Rows.Player(2, 15, null, "sent")));

        var head = club.Data<CohortDocument>("unsigned/all");

        Assert.True(head.Paged);
        Assert.Equal(["unsigned/all/page:0000", "unsigned/all/page:0001"], head.PageIds);
        Assert.Equal(["parent15@example.com"], club.Data<CohortPageDocument>("unsigned/all/page:0001").Emails);
        Assert.Equal(["parent3@example.com"], club.Data<CohortPageDocument>("unsigned/team:none/page:0000").Emails);
        Assert.Empty(head.Emails);
    }

    [Fact]
    public void An_empty_cohort_has_no_documents_at_all()
    {
        _club.Apply(
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, null, "sent")));

        Assert.NotNull(_club.Find("unsigned/all"));
        Assert.DoesNotContain(_club.Documents().Keys, id => id.StartsWith("declined/", StringComparison.Ordinal));
    }
}
