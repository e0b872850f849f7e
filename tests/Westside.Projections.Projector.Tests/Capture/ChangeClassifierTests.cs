using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Events;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

public class ChangeClassifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 18, 0, 0, TimeSpan.Zero);

    private static readonly PlayerRow Player = new(
        7, 3, 2, "Ana", "Ruiz", 2014, 6, "sent", "YM", 12, T0, T0);

    private static readonly ContractRow Contract = new(11, 7, "2026-spring-v2", 45000, "sent", T0, null, null, null);

    private static readonly OutboxRow Outbox = new(21, "contract_signed", 7, "pending", 0, null, T0, null);

    [Fact]
    public void An_unchanged_row_yields_nothing() => Assert.Empty(ChangeClassifier.Classify(Player, Player with { }));

    [Fact]
    public void A_new_player_is_registered() =>
        Assert.Equal([new PlayerRegistered(Player)], ChangeClassifier.Classify(null, Player));

    [Fact]
    public void A_team_change_is_an_assignment_that_remembers_the_previous_team()
    {
        var after = Player with { TeamId = 5, UpdatedAt = T0.AddMinutes(1) };

        Assert.Equal([new PlayerAssignedToTeam(after, 2)], ChangeClassifier.Classify(Player, after));
    }

    [Fact]
    public void Team_and_contract_status_changing_together_are_two_events_with_the_full_row()
    {
        var after = Player with { TeamId = null, ContractStatus = "signed", UpdatedAt = T0.AddMinutes(1) };

        Assert.Equal(
            [new PlayerAssignedToTeam(after, 2), new PlayerContractStatusChanged(after, "sent")],
            ChangeClassifier.Classify(Player, after));
    }

    [Fact]
    public void Other_player_fields_are_a_player_change_next_to_the_specific_event()
    {
        var after = Player with { ContractStatus = "signed", JerseyNumber = 23 };

        Assert.Equal(
            [new PlayerContractStatusChanged(after, "sent"), new PlayerChanged(after)],
            ChangeClassifier.Classify(Player, after));
    }

    [Fact]
    public void A_touched_updated_at_alone_is_a_player_change()
    {
        var after = Player with { UpdatedAt = T0.AddDays(1) };

        Assert.Equal([new PlayerChanged(after)], ChangeClassifier.Classify(Player, after));
    }

    [Theory]
    [InlineData("sent", typeof(ContractSent))]
    [InlineData("signed", typeof(ContractSigned))]
    [InlineData("declined", typeof(ContractDeclined))]
    [InlineData("voided", typeof(ContractVoided))]
    public void A_contract_inserted_in_a_status_is_that_status_event(string status, Type expected)
    {
        var events = ChangeClassifier.Classify(null, Contract with { Status = status });

        Assert.Equal(expected, Assert.Single(events).GetType());
    }

    [Fact]
    public void Signing_a_contract_is_one_signed_event_carrying_its_signer_and_time()
    {
        var after = Contract with { Status = "signed", SignedAt = T0.AddDays(2), SignerName = "M. Ruiz" };

        Assert.Equal([new ContractSigned(after)], ChangeClassifier.Classify(Contract, after));
    }

    [Fact]
    public void A_new_amount_on_a_contract_is_a_contract_change()
    {
        var after = Contract with { AmountCents = 40000 };

        Assert.Equal([new ContractChanged(after)], ChangeClassifier.Classify(Contract, after));
    }

    [Fact]
    public void A_groupme_link_and_a_coach_change_are_two_team_events()
    {
        var before = new TeamRow(2, "14U Black", "2026-spring", "14U", "boys", "Coach K", null, null, T0);
        var after = before with { GroupMeShareUrl = "https://groupme.com/join_group/1/x", CoachName = "Coach J" };

        Assert.Equal([new TeamGroupMeLinkChanged(after), new TeamChanged(after)], ChangeClassifier.Classify(before, after));
    }

    [Fact]
    public void A_new_phone_is_a_parent_contact_change()
    {
        var before = new ParentRow(3, "Maria", "Ruiz", "m@example.org", null, T0);
        var after = before with { Phone = "555-0100" };

        Assert.Equal([new ParentContactChanged(after)], ChangeClassifier.Classify(before, after));
        Assert.Equal([new ParentRegistered(before)], ChangeClassifier.Classify(null, before));
    }

    [Fact]
    public void A_subscription_going_past_due_remembers_its_previous_status()
    {
        var before = new SubscriptionRow(4, 7, 3, "monthly", 6000, "active", new DateOnly(2026, 4, 1), T0);
        var after = before with { Status = "past_due" };

        Assert.Equal([new SubscriptionStatusChanged(after, "active")], ChangeClassifier.Classify(before, after));
        Assert.Equal([new SubscriptionStarted(before)], ChangeClassifier.Classify(null, before));
    }

    [Fact]
    public void A_registration_carries_its_previous_status_or_null_when_new()
    {
        var before = new TournamentRegistrationRow(9, 1, 2, 7, "registered", false, T0);
        var after = before with { Status = "withdrawn" };

        Assert.Equal([new TournamentRegistrationChanged(before, null)], ChangeClassifier.Classify(null, before));
        Assert.Equal([new TournamentRegistrationChanged(after, "registered")], ChangeClassifier.Classify(before, after));
    }

    [Fact]
    public void Payments_emails_and_tournaments_have_an_added_and_a_changed_event()
    {
        var payment = new JerseyPaymentRow(5, 7, 3500, "cash", T0, "Coach K", null);
        var email = new EmailLogRow(6, 3, 7, "contract_signed", "sent", null, T0);
        var tournament = new TournamentRow(1, "Spring Classic", "Gym", new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 12), null, 25000);

        Assert.Equal([new JerseyPaymentRecorded(payment)], ChangeClassifier.Classify(null, payment));
        Assert.Equal([new JerseyPaymentChanged(payment with { AmountCents = -3500 })],
            ChangeClassifier.Classify(payment, payment with { AmountCents = -3500 }));
        Assert.Equal([new EmailLogged(email)], ChangeClassifier.Classify(null, email));
        Assert.Equal([new TournamentScheduled(tournament)], ChangeClassifier.Classify(null, tournament));
        Assert.Equal([new TournamentChanged(tournament with { FeeCents = 1 })],
            ChangeClassifier.Classify(tournament, tournament with { FeeCents = 1 }));
    }

    [Theory]
    [InlineData("pending", typeof(OutboxEventQueued))]
    [InlineData("processed", typeof(OutboxEventProcessed))]
    [InlineData("failed", typeof(OutboxEventFailed))]
    public void An_outbox_row_inserted_in_a_status_is_that_status_event(string status, Type expected) =>
        Assert.Equal(expected, Assert.Single(ChangeClassifier.Classify(null, Outbox with { Status = status })).GetType());

    [Fact]
    public void Outbox_transitions_are_named_by_where_the_row_went()
    {
        var retried = Outbox with { Attempts = 1, LastError = "timeout" };
        var failed = retried with { Status = "failed", Attempts = 5 };
        var failedAgain = failed with { Attempts = 6 };
        var processed = Outbox with { Status = "processed", Attempts = 1, ProcessedAt = T0.AddMinutes(1) };

        Assert.Equal([new OutboxEventRetried(retried)], ChangeClassifier.Classify(Outbox, retried));
        Assert.Equal([new OutboxEventFailed(failed)], ChangeClassifier.Classify(retried, failed));
        Assert.Equal([new OutboxEventFailed(failedAgain)], ChangeClassifier.Classify(failed, failedAgain));
        Assert.Equal([new OutboxEventProcessed(processed)], ChangeClassifier.Classify(Outbox, processed));
        Assert.Equal([new OutboxEventChanged(Outbox with { EventType = "x" })], ChangeClassifier.Classify(Outbox, Outbox with { EventType = "x" }));
    }

    [Fact]
    public void Every_source_table_has_a_row_type_and_a_removal_event()
    {
        foreach (var table in SourceContract.Tables)
        {
            Assert.NotNull(ChangeClassifier.RowType(table));
            var removed = Assert.IsAssignableFrom<IRemovalEvent>(ChangeClassifier.Removed(table, 42));
            Assert.Equal(42, removed.Key);
        }

        Assert.Equal(new PlayerRemoved(7), ChangeClassifier.Removed(SourceContract.Players, 7));
    }

    [Fact]
    public void Rows_of_different_tables_cannot_be_compared() =>
        Assert.Throws<ArgumentException>(() => ChangeClassifier.Classify(Contract, Player));
}
