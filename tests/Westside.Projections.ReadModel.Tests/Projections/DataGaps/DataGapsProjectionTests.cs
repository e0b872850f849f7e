using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.DataGaps;

public sealed class DataGapsProjectionTests
{
    private readonly ProjectionHarness _club = new(new DataGapsProjection());

    public DataGapsProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks")),
            new ParentRegistered(Rows.Parent(1, "Zoë", "O'Brien")),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed", "Liam", "O'Brien")),
            new ContractSigned(Rows.Contract(1, 1, "signed", "2026-spring-v2", signedAt: Rows.At(3))));
    }

    [Fact]
    public void A_signed_contract_without_its_outbox_row_is_a_gap_until_the_row_appears()
    {
        var gap = _club.Data<DataGapDocument>("signed-without-outbox/player:1");

        Assert.Equal(Rows.At(3), gap.Since);
        Assert.Equal(
            [new GapRecord("player", 1, "Liam O'Brien", "signed"), new GapRecord("parent", 1, "Zoë O'Brien", null),
             new GapRecord("team", 1, "Hawks", null), new GapRecord("contract", 1, "2026-spring-v2", "signed")],
            gap.Records);

        _club.Apply(new OutboxEventQueued(Rows.Outbox(10, 1, "pending")));

        Assert.Null(_club.Find("signed-without-outbox/player:1"));
    }

    [Fact]
    public void A_processed_outbox_row_with_no_welcome_email_logged_is_a_gap()
    {
        _club.Apply(new OutboxEventProcessed(Rows.Outbox(10, 1, "processed", createdAt: Rows.At(3))));
        Assert.Equal(Rows.At(3).AddMinutes(1), _club.Data<DataGapDocument>("outbox-without-email/outbox:10").Since);

        _club.Apply(new EmailLogged(Rows.Email(1, 1, 1, "reminder")));
        Assert.NotNull(_club.Find("outbox-without-email/outbox:10"));

        _club.Apply(new EmailLogged(Rows.Email(2, 1, 1, "contract_signed")));
        Assert.Null(_club.Find("outbox-without-email/outbox:10"));
    }

    [Fact]
    public void Failed_and_pending_outbox_rows_are_listed_with_created_at_attempts_and_error()
    {
        _club.Apply(
            new OutboxEventFailed(Rows.Outbox(10, 1, "failed", 3, "GroupMe 502", Rows.At(2))),
            new OutboxEventQueued(Rows.Outbox(11, 1, "pending", 0, null, Rows.At(4, 9))));

        var failed = _club.Data<DataGapDocument>("outbox-failed/outbox:10");
        var pending = _club.Data<DataGapDocument>("outbox-pending/outbox:11");

        Assert.Equal((Rows.At(2), 3, "GroupMe 502", 1), (failed.Since!.Value, failed.Attempts!.Value, failed.Error!, failed.PlayerId!.Value));
        Assert.Equal(Rows.At(4, 9), pending.Since);
    }

    [Fact]
    public void Teams_without_a_groupme_link_players_without_a_team_and_unreachable_parents_are_gaps()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(2, "<b>Owls</b>", shareUrl: null)),
            new ParentRegistered(Rows.Parent(2, "Émile", "D'Arcy", email: null, phone: null)),
            new PlayerRegistered(Rows.Player(2, 2, null, "sent", "Mia", "D'Arcy")));

        Assert.Equal("<b>Owls</b>", _club.Data<DataGapDocument>("team-without-groupme/team:2").Records[0].Name);
        Assert.Null(_club.Find("team-without-groupme/team:1"));
        Assert.Equal(2, _club.Data<DataGapDocument>("player-without-team/player:2").PlayerId);
        var parent = _club.Data<DataGapDocument>("parent-unreachable/parent:2");
        Assert.Equal(["Émile D'Arcy", "Mia D'Arcy"], parent.Records.Select(r => r.Name));

        _club.Apply(new ParentContactChanged(Rows.Parent(2, "Émile", "D'Arcy", email: null, phone: "555-0102")));

        Assert.Null(_club.Find("parent-unreachable/parent:2"));
    }

    [Fact]
    public void A_signed_player_whose_jersey_payment_was_refunded_has_no_net_payment()
    {
        Assert.Equal(Rows.At(3), _club.Data<DataGapDocument>("signed-without-jersey/player:1").Since);

        _club.Apply(new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", recordedBy: "Marcus")));
        Assert.Null(_club.Find("signed-without-jersey/player:1"));

        _club.Apply(new JerseyPaymentRecorded(Rows.Payment(2, 1, -3500, "cash")));
        Assert.NotNull(_club.Find("signed-without-jersey/player:1"));
    }

    [Fact]
    public void The_summary_counts_every_gap_in_a_fixed_order()
    {
        _club.Apply(new TeamAdded(Rows.Team(2, shareUrl: null)), new OutboxEventFailed(Rows.Outbox(10, 1, "failed")));

        var summary = _club.Data<DataGapSummaryDocument>("summary");

        Assert.Equal(Gaps.All.Select(g => g.Gap), summary.Counts.Select(c => c.Gap));
        Assert.Equal([0, 0, 1, 0, 1, 0, 0, 1], summary.Counts.Select(c => c.Count));
        Assert.Equal(3, summary.Total);
    }
}
