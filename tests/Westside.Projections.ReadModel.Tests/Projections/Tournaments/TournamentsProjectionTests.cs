using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Tournaments;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Tournaments;

public sealed class TournamentsProjectionTests
{
    private readonly ProjectionHarness _club = new(new TournamentsProjection());

    public TournamentsProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks", "14U")),
            new TeamAdded(Rows.Team(2, "Owls", "14U")),
            new TeamAdded(Rows.Team(3, "Bears", "14U")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "signed", "José", "García")),
            new TournamentScheduled(Rows.Tournament(5, "Spring Classic", new DateOnly(2026, 4, 10), deadline: new DateOnly(2026, 4, 1), feeCents: 35000)));
    }

    [Fact]
    public void Each_team_entry_shows_registered_or_withdrawn_fee_paid_and_the_deadline()
    {
        _club.Apply(
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, feePaid: true), null),
            new TournamentRegistrationChanged(Rows.Registration(2, 5, 2, feePaid: false), null),
            new TournamentRegistrationChanged(Rows.Registration(3, 5, 3, status: "withdrawn"), null));

        var hawks = _club.Data<TournamentEntryDocument>("tournament:5/team:1");
        var bears = _club.Data<TournamentEntryDocument>("tournament:5/team:3");
        var head = _club.Data<TournamentDocument>("tournament:5");

        Assert.Equal(("registered", true, new DateOnly(2026, 4, 1)), (hawks.Status, hawks.FeePaid, hawks.RegistrationDeadline!.Value));
        Assert.Equal("withdrawn", bears.Status);
        Assert.Equal((2, 1, 1, 1, 35000L), (head.TeamsRegistered, head.TeamsWithdrawn, head.TeamsFeePaid, head.TeamsFeeUnpaid, head.FeeOutstandingCents));
    }

    [Fact]
    public void Unpaid_registered_teams_sort_first_then_paid_then_withdrawn()
    {
        _club.Apply(
            new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, feePaid: true), null),
            new TournamentRegistrationChanged(Rows.Registration(2, 5, 2, status: "withdrawn"), null),
            new TournamentRegistrationChanged(Rows.Registration(3, 5, 3, feePaid: false), null));

        var order = _club.Documents().Values.Where(d => d.Kind == "entry").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((TournamentEntryDocument)d.Data).TeamName);

        Assert.Equal(["Bears", "Hawks", "Owls"], order);
    }

    [Fact]
    public void Player_level_registrations_show_the_player_and_follow_a_rename()
    {
        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 5, 1, playerId: 1), null));

        _club.Apply(new PlayerChanged(Rows.Player(1, 1, 1, "signed", "José", "García-López")));

        var registration = _club.Data<TournamentEntryDocument>("tournament:5/team:1").Registrations.Single();
        Assert.Equal((1, "García-López"), (registration.PlayerId!.Value, registration.PlayerLastName!));
    }

    [Fact]
    public void A_registration_moved_to_another_team_leaves_the_old_entry()
    {
        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 5, 1), null));

        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 5, 2), "registered"));

        Assert.Null(_club.Find("tournament:5/team:1"));
        Assert.NotNull(_club.Find("tournament:5/team:2"));
    }

    [Fact]
    public void Removing_a_tournament_removes_its_entries()
    {
        _club.Apply(new TournamentRegistrationChanged(Rows.Registration(1, 5, 1), null));

        _club.Apply(new TournamentRemoved(5));

        Assert.Empty(_club.Documents());
    }
}
