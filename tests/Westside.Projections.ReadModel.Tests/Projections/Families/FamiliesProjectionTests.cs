using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Families;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Families;

public sealed class FamiliesProjectionTests
{
    private readonly ProjectionHarness _club = new(new FamiliesProjection());

    public FamiliesProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks", "12U")),
            new TeamAdded(Rows.Team(2, "Owls", "15U")),
            new ParentRegistered(Rows.Parent(1, "Zoë", "O'Brien", "zoe@example.com", null)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed", "Ana")),
            new PlayerRegistered(Rows.Player(2, 1, 2, "sent", "Ben")),
            new PlayerRegistered(Rows.Player(3, 1, null, "none", "Cy")));
    }

    [Fact]
    public void A_family_shows_every_kid_with_team_contract_jersey_and_dues()
    {
        _club.Apply(
            new ContractSigned(Rows.Contract(1, 1, "signed", "v2", signedAt: Rows.At(4))),
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", Rows.At(5), "Marcus")),
            new SubscriptionStarted(Rows.Subscription(1, 2, 1, "past_due", 6000, new DateOnly(2026, 2, 28))));

        var family = _club.Data<FamilyDocument>("parent:1");

        Assert.Equal((3, 2), (family.KidCount, family.UnsignedCount));
        Assert.Equal([1, 2], family.TeamIds);
        Assert.Equal(["12U", "15U"], family.AgeGroups);
        var ana = family.Kids[0];
        Assert.Equal(("Hawks", "signed", "v2", Rows.At(4)), (ana.TeamName!, ana.ContractStatus, ana.ContractVersion!, ana.ContractSignedAt!.Value));
        Assert.Equal(new FamilyJersey(true, 3500, Rows.At(5)), ana.Jersey);
        Assert.Equal(new FamilyDues("past_due", new DateOnly(2026, 2, 28), 6000), family.Kids[1].Dues);
        Assert.Equal(new FamilyDues("none", null, null), family.Kids[2].Dues);
        Assert.Null(family.Kids[2].TeamId);
    }

    [Fact]
    public void The_welcome_email_shows_as_sent_or_not_with_the_outbox_row_behind_it()
    {
        _club.Apply(
            new OutboxEventFailed(Rows.Outbox(10, 1, "failed", 2, "GroupMe 502")),
            new EmailLogged(Rows.Email(1, 1, 1, "contract_signed", "failed", "mailbox full", Rows.At(3))));

        var welcome = _club.Data<FamilyDocument>("parent:1").Kids[0].Welcome;
        Assert.Equal(new FamilyWelcome(false, "failed", Rows.At(3), "mailbox full", 10, "failed", "GroupMe 502"), welcome);

        _club.Apply(
            new OutboxEventProcessed(Rows.Outbox(10, 1, "processed", 3)),
            new EmailLogged(Rows.Email(2, 1, 1, "contract_signed", "sent", sentAt: Rows.At(4))));

        welcome = _club.Data<FamilyDocument>("parent:1").Kids[0].Welcome;
        Assert.True(welcome.EmailSent);
        Assert.Equal("processed", welcome.OutboxStatus);
    }

    [Fact]
    public void Emails_logged_for_the_parent_or_any_kid_are_listed_newest_first_with_errors()
    {
        _club.Apply(
            new EmailLogged(Rows.Email(1, 1, null, "registration", sentAt: Rows.At(1))),
            new EmailLogged(Rows.Email(2, null, 2, "reminder", "failed", "bounced", Rows.At(6))),
            new EmailLogged(Rows.Email(3, 9, 9, "announcement", sentAt: Rows.At(7))));

        var emails = _club.Data<FamilyDocument>("parent:1").Emails;

        Assert.Equal([2, 1], emails.Select(e => e.EmailId));
        Assert.Equal(("failed", "bounced"), (emails[0].Status, emails[0].Error!));
    }

    [Fact]
    public void Reachability_says_which_contact_exists()
    {
        var family = _club.Data<FamilyDocument>("parent:1");
        Assert.Equal((true, false, true), (family.HasEmail, family.HasPhone, family.Reachable));

        _club.Apply(new ParentContactChanged(Rows.Parent(1, "Zoë", "O'Brien", null, null)));

        family = _club.Data<FamilyDocument>("parent:1");
        Assert.Equal((false, false, false), (family.HasEmail, family.HasPhone, family.Reachable));
        Assert.Null(family.Email);
    }

    [Fact]
    public void Tournament_registrations_come_from_the_team_or_the_player_and_follow_the_tournament()
    {
        _club.Apply(
            new TournamentScheduled(Rows.Tournament(5, "Spring Classic", new DateOnly(2026, 4, 10))),
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, feePaid: true), null),
            new TournamentRegistrationChanged(Rows.Registration(2, 5, 2, playerId: 2, status: "withdrawn"), null));

        var kids = _club.Data<FamilyDocument>("parent:1").Kids;
        Assert.Equal([new FamilyTournament(5, "Spring Classic", new DateOnly(2026, 4, 10), "registered", true)], kids[0].Tournaments);
        Assert.Equal("withdrawn", kids[1].Tournaments.Single().Status);
        Assert.Empty(kids[2].Tournaments);

        _club.Apply(new TournamentChanged(Rows.Tournament(5, "Spring Classic <2026>", new DateOnly(2026, 4, 11))));

        Assert.Equal("Spring Classic <2026>", _club.Data<FamilyDocument>("parent:1").Kids[0].Tournaments[0].Name);
    }

    [Fact]
    public void Moving_a_kid_to_another_parent_moves_them_between_family_documents()
    {
        _club.Apply(new ParentRegistered(Rows.Parent(2)));

        _club.Apply(new PlayerChanged(Rows.Player(3, 2, null, "none", "Cy")));

        Assert.Equal([1, 2], _club.Data<FamilyDocument>("parent:1").Kids.Select(k => k.PlayerId));
        Assert.Equal([3], _club.Data<FamilyDocument>("parent:2").Kids.Select(k => k.PlayerId));
    }
}
