using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Dues;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Dues;

public sealed class DuesProjectionTests
{
    private readonly ProjectionHarness _club = new(new DuesProjection());

    public DuesProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks")),
            new ParentRegistered(Rows.Parent(1, "Ana", "Nuñez", phone: null)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed", last: "Adams")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "signed", last: "Baker")),
            new PlayerRegistered(Rows.Player(3, 1, 1, "signed", last: "Clark")),
            new PlayerRegistered(Rows.Player(4, 1, 1, "signed", last: "Davis")));
    }

    [Fact]
    public void Each_player_shows_active_past_due_canceled_or_no_subscription_past_due_first()
    {
        _club.Apply(
            new SubscriptionStarted(Rows.Subscription(1, 1, 1, "active", 6000, new DateOnly(2026, 4, 1))),
            new SubscriptionStarted(Rows.Subscription(2, 2, 1, "past_due", 6000, new DateOnly(2026, 2, 1))),
            new SubscriptionStarted(Rows.Subscription(3, 3, 1, "canceled", 6000, new DateOnly(2026, 1, 1))));

        var team = _club.Data<DuesTeamDocument>("team:1");

        Assert.Equal([2, 3, 4, 1], team.Players.Select(p => p.PlayerId));
        Assert.Equal(["past_due", "canceled", "none", "active"], team.Players.Select(p => p.Status));
        Assert.Equal(new DateOnly(2026, 2, 1), team.Players[0].CurrentPeriodEnd);
        Assert.Equal((1, 1, 1, 1, 6000L, 6000L), (team.ActiveCount, team.PastDueCount, team.CanceledCount, team.NoSubscriptionCount, team.MonthlyActiveCents, team.PastDueCents));
    }

    [Fact]
    public void The_past_due_list_names_the_paying_parent_oldest_first_and_leaves_when_paid()
    {
        _club.Apply(
            new SubscriptionStarted(Rows.Subscription(1, 1, 1, "past_due", periodEnd: new DateOnly(2026, 2, 15))),
            new SubscriptionStarted(Rows.Subscription(2, 2, 1, "past_due", periodEnd: new DateOnly(2026, 2, 1))));

        var order = _club.Documents().Values.Where(d => d.Kind == "past-due").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((PastDueDocument)d.Data).SubscriptionId);
        var first = _club.Data<PastDueDocument>("past-due:2");

        Assert.Equal([2, 1], order);
        Assert.Equal(("Ana", "Nuñez", (string?)null, "Hawks"), (first.ParentFirstName!, first.ParentLastName!, first.ParentPhone, first.TeamName!));

        _club.Apply(new SubscriptionStatusChanged(Rows.Subscription(2, 2, 1, "active", periodEnd: new DateOnly(2026, 3, 1)), "past_due"));

        Assert.Null(_club.Find("past-due:2"));
    }

    [Fact]
    public void A_parent_contact_change_reaches_the_past_due_list()
    {
        _club.Apply(new SubscriptionStarted(Rows.Subscription(1, 1, 1, "past_due")));

        _club.Apply(new ParentContactChanged(Rows.Parent(1, "Ana", "Nuñez", phone: "555-0199")));

        Assert.Equal("555-0199", _club.Data<PastDueDocument>("past-due:1").ParentPhone);
    }

    [Fact]
    public void The_summary_counts_players_and_subscriptions_and_sums_monthly_and_past_due_amounts()
    {
        _club.Apply(
            new SubscriptionStarted(Rows.Subscription(1, 1, 1, "active", 6000)),
            new SubscriptionStarted(Rows.Subscription(2, 1, 1, "past_due", 4500)),
            new SubscriptionStarted(Rows.Subscription(3, 2, 1, "active", 6000)));

        var summary = _club.Data<DuesSummaryDocument>("summary");

        Assert.Equal((4, 1, 1, 2), (summary.PlayerCount, summary.ActivePlayers, summary.PastDuePlayers, summary.NoSubscriptionPlayers));
        Assert.Equal((3, 2, 1), (summary.SubscriptionCount, summary.ActiveSubscriptions, summary.PastDueSubscriptions));
        Assert.Equal((12000L, 4500L), (summary.MonthlyActiveCents, summary.PastDueCents));
    }
}
