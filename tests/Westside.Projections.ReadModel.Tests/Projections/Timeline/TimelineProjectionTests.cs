using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Timeline;

public sealed class TimelineProjectionTests
{
    private readonly ProjectionHarness _club = new(new TimelineProjection());

    public TimelineProjectionTests()
    {
        _club.ApplyAt(
            Rows.At(2, 9),
            new TeamAdded(Rows.Team(1, "Hawks")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "none", "Zoë", "O'Brien")));
    }

    [Fact]
    public void Events_worth_showing_become_entries_of_their_day_newest_first_with_time_and_names()
    {
        _club.ApplyAt(Rows.At(2, 10), new ContractSent(Rows.Contract(1, 1, version: "v2", amountCents: 45000)));
        _club.ApplyAt(Rows.At(2, 11), new ContractSigned(Rows.Contract(1, 1, "signed", "v2", 45000, signedAt: Rows.At(2, 11), signer: "Pat")));

        var day = _club.Data<TimelineDayDocument>("day:2026-03-02");

        Assert.Equal(["contract-signed", "contract-sent", "player-registered"], day.Entries.Select(e => e.Kind));
        var signed = day.Entries[0];
        Assert.Equal((Rows.At(2, 11), 1, "Zoë", "O'Brien", "Hawks", "v2", 45000L), (signed.At, signed.PlayerId!.Value, signed.PlayerFirstName!, signed.PlayerLastName!, signed.TeamName!, signed.ContractVersion!, signed.AmountCents!.Value));
        Assert.Equal(5, signed.Sequence);
        Assert.Equal([new TimelineKindCount("contract-sent", 1), new TimelineKindCount("contract-signed", 1), new TimelineKindCount("player-registered", 1)], day.CountsByKind);
    }

    [Fact]
    public void Payments_refunds_registrations_dues_and_outbox_failures_are_shown_plain_edits_are_not()
    {
        _club.ApplyAt(
            Rows.At(3, 9),
            new JerseyPaymentRecorded(Rows.Payment(1, 1, 3500, "cash", recordedBy: "Marcus")),
            new JerseyPaymentRecorded(Rows.Payment(2, 1, -3500, "cash")),
            new TournamentScheduled(Rows.Tournament(5, "Cup")),
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1), null),
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, status: "withdrawn"), "registered"),
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, status: "withdrawn", feePaid: true), "withdrawn"),
            new SubscriptionStatusChanged(Rows.Subscription(1, 1, 1, "past_due"), "active"),
            new OutboxEventFailed(Rows.Outbox(10, 1, "failed", error: "GroupMe 502")),
            new PlayerChanged(Rows.Player(1, 1, 1, "none", "Zoé", "O'Brien")),
            new PlayerAssignedToTeam(Rows.Player(1, 1, null, "none", "Zoé", "O'Brien"), 1));

        var kinds = _club.Data<TimelineDayDocument>("day:2026-03-03").Entries.Select(e => e.Kind).Reverse();

        Assert.Equal(
            ["jersey-paid", "jersey-refund", "tournament-scheduled", "tournament-registered", "tournament-withdrawn",
             "dues-past-due", "outbox-failed", "player-assigned"],
            kinds);
        var assigned = _club.Data<TimelineDayDocument>("day:2026-03-03").Entries[0];
        Assert.Equal((null, 1, "Hawks"), (assigned.TeamId, assigned.PreviousTeamId!.Value, assigned.PreviousTeamName!));
    }

    [Fact]
    public void Each_day_is_its_own_document_newest_day_first()
    {
        _club.ApplyAt(Rows.At(5, 9), new ContractSent(Rows.Contract(1, 1)));

        var order = _club.Documents().Values.OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((TimelineDayDocument)d.Data).Date);

        Assert.Equal([new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 2)], order);
    }

    [Fact]
    public void Days_older_than_the_retention_window_are_dropped_as_time_moves_on()
    {
        _club.ApplyAt(Rows.At(2).AddDays(TimelineLog.RetainedDays - 1), new ContractSent(Rows.Contract(1, 1)));
        Assert.NotNull(_club.Find("day:2026-03-02"));

        _club.ApplyAt(Rows.At(2).AddDays(TimelineLog.RetainedDays), new ContractSent(Rows.Contract(2, 1)));

        Assert.Null(_club.Find("day:2026-03-02"));
        Assert.Equal(2, _club.Documents().Count);
    }

    [Fact]
    public void A_busy_day_is_paged_and_keeps_its_latest_entries_while_counting_all()
    {
        var club = new ProjectionHarness(new TimelineProjection(pageSize: 400));
        var events = Enumerable.Range(1, TimelineLog.MaxEntriesPerDay + 5)
            .Select(i => (IDomainEvent)new ContractSent(Rows.Contract(i, 1)))
            .Prepend(new PlayerRegistered(Rows.Player(1, 1, null)));
        club.ApplyAt(Rows.At(4), [.. events]);

        var day = club.Data<TimelineDayDocument>("day:2026-03-04");
        var last = club.Data<TimelinePageDocument>("day:2026-03-04/page:3");

        Assert.Equal((TimelineLog.MaxEntriesPerDay + 6, TimelineLog.MaxEntriesPerDay, 3), (day.Total, day.Retained, day.PageCount));
        Assert.Equal(TimelineLog.MaxEntriesPerDay + 5, day.Entries[0].ContractId);
        Assert.Equal(6, last.Entries[^1].ContractId);
        Assert.Null(club.Find("day:2026-03-04/page:4"));
    }
}
