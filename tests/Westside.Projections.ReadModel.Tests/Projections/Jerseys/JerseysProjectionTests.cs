using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Jerseys;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Jerseys;

public sealed class JerseysProjectionTests
{
    private readonly ProjectionHarness _club = new(new JerseysProjection());

    public JerseysProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed", last: "Adams")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "signed", last: "Baker")),
            new PlayerRegistered(Rows.Player(3, 1, 1, "sent", last: "Clark")));
    }

    [Fact]
    public void Cash_payments_count_as_paid_and_show_who_recorded_them()
    {
        _club.Apply(new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", Rows.At(3), recordedBy: "Marcus")));

        var adams = _club.Data<JerseyTeamDocument>("team:1").Players.Single(p => p.PlayerId == 1);

        Assert.True(adams.Paid);
        Assert.Equal((3500L, Rows.At(3)), (adams.NetCents, adams.LastPaidAt!.Value));
        Assert.Equal(["cash"], adams.Methods);
        Assert.Equal(["Marcus"], adams.CashRecordedBy);
    }

    [Fact]
    public void A_full_refund_nets_out_to_unpaid_and_a_partial_one_stays_paid()
    {
        _club.Apply(
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "stripe")),
            new JerseyPaymentRecorded(Rows.Payment(2, 1, -3500, "stripe", Rows.At(4))),
            new JerseyPaymentRecorded(Rows.Payment(3, 2, 4000, "venmo")),
            new JerseyPaymentRecorded(Rows.Payment(4, 2, -500, "venmo")));

        var players = _club.Data<JerseyTeamDocument>("team:1").Players.ToDictionary(p => p.PlayerId);

        Assert.False(players[1].Paid);
        Assert.Equal(0, players[1].NetCents);
        Assert.Equal(Rows.At(2), players[1].LastPaidAt);
        Assert.True(players[2].Paid);
        Assert.Equal(3500, players[2].NetCents);
        Assert.True(players[2].Payments[1].Refund);
    }

    [Fact]
    public void Unpaid_players_come_first_and_team_totals_split_by_method()
    {
        _club.Apply(
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "check")),
            new JerseyPaymentRecorded(Rows.Payment(2, 2, 3500, "cash", recordedBy: "Ava")));

        var team = _club.Data<JerseyTeamDocument>("team:1");

        Assert.Equal([3, 1, 2], team.Players.Select(p => p.PlayerId));
        Assert.Equal((2, 1, 7000L), (team.PaidCount, team.UnpaidCount, team.NetCents));
        Assert.Equal([new JerseyMethodTotal("cash", 1, 0, 3500), new JerseyMethodTotal("check", 1, 0, 3500)], team.ByMethod);
    }

    [Fact]
    public void The_summary_totals_every_method_refunds_and_cash_by_recorder()
    {
        _club.Apply(
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", recordedBy: "Marcus")),
            new JerseyPaymentRecorded(Rows.Payment(2, 2, 3500, "cash", recordedBy: "Marcus")),
            new JerseyPaymentRecorded(Rows.Payment(3, 3, 3500, "stripe")),
            new JerseyPaymentRecorded(Rows.Payment(4, 3, -3500, "stripe")));

        var summary = _club.Data<JerseySummaryDocument>("summary");

        Assert.Equal((3, 2, 1), (summary.PlayerCount, summary.PaidCount, summary.UnpaidCount));
        Assert.Equal((7000L, 10500L, 3500L), (summary.NetCents, summary.CollectedCents, summary.RefundedCents));
        Assert.Equal([new JerseyMethodTotal("cash", 2, 0, 7000), new JerseyMethodTotal("stripe", 1, 1, 0)], summary.ByMethod);
        Assert.Equal([new JerseyRecorder("Marcus", 2, 7000)], summary.CashByRecorder);
    }

    [Fact]
    public void Teams_with_more_unpaid_players_sort_first_and_players_without_a_team_have_a_group()
    {
        _club.Apply(
            new PlayerRegistered(Rows.Player(4, 1, null, "signed")),
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500)));

        var order = _club.Documents().Values.Where(d => d.Kind == "team").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((JerseyTeamDocument)d.Data).TeamId);

        Assert.Equal([1, null], order);
    }

    [Fact]
    public void A_payment_moved_to_another_player_updates_both()
    {
        _club.Apply(new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500)));

        _club.Apply(new JerseyPaymentChanged(Rows.Payment(1, 2, 3500)));

        var players = _club.Data<JerseyTeamDocument>("team:1").Players.ToDictionary(p => p.PlayerId);
        Assert.False(players[1].Paid);
        Assert.True(players[2].Paid);
    }
}
