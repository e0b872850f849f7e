using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.TeamProgress;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.TeamProgress;

public sealed class TeamProgressProjectionTests
{
    private readonly ProjectionHarness _club = new(new TeamProgressProjection());

    public TeamProgressProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks")),
            new TeamAdded(Rows.Team(2, "Owls")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(3, 1, 1, "declined")),
            new PlayerRegistered(Rows.Player(4, 1, 2, "signed")),
            new PlayerRegistered(Rows.Player(5, 1, null, "none")));
    }

    [Fact]
    public void A_team_shows_its_share_signed_and_contract_money_signed_versus_outstanding()
    {
        _club.Apply(
            new ContractSigned(Rows.Contract(1, 1, "signed", amountCents: 45000, signedAt: Rows.At(3))),
            new ContractSent(Rows.Contract(2, 2, amountCents: 47500)),
            new ContractDeclined(Rows.Contract(3, 3, "declined", amountCents: 45000, declinedAt: Rows.At(3))));

        var figures = _club.Data<TeamProgressDocument>("team:1").Figures;

        Assert.Equal((3, 1, 2, 333), (figures.PlayerCount, figures.SignedCount, figures.UnsignedCount, figures.SignedPermille));
        Assert.Equal((45000L, 47500L), (figures.ContractSignedCents, figures.ContractOutstandingCents));
    }

    [Fact]
    public void Jerseys_and_dues_add_up_per_team_and_for_the_club()
    {
        _club.Apply(
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash")),
            new JerseyPaymentRecorded(Rows.Payment(2, 2, 3500)),
            new JerseyPaymentRecorded(Rows.Payment(3, 2, -3500)),
            new SubscriptionStarted(Rows.Subscription(1, 1, 1, "active", 6000)),
            new SubscriptionStarted(Rows.Subscription(2, 4, 1, "past_due", 6000)));

        var team = _club.Data<TeamProgressDocument>("team:1").Figures;
        var club = _club.Data<ClubProgressDocument>("club");

        Assert.Equal((1, 2, 3500L, 1, 6000L), (team.JerseysPaidCount, team.JerseysUnpaidCount, team.JerseyCollectedCents, team.DuesCurrentCount, team.DuesMonthlyActiveCents));
        Assert.Equal((2, 1, 5), (club.TeamCount, club.PlayersWithoutTeam, club.Figures.PlayerCount));
        Assert.Equal((1, 6000L), (club.Figures.DuesPastDueCount, club.Figures.DuesPastDueCents));
    }

    [Fact]
    public void Teams_furthest_behind_on_signatures_sort_first()
    {
        var order = _club.Documents().Values.Where(d => d.Kind == "team").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((TeamProgressDocument)d.Data).TeamId);

        Assert.Equal([null, 1, 2], order);
    }
}
