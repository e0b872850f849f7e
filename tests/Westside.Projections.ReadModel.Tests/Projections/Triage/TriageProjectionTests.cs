using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Projections.Triage;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Triage;

public sealed class TriageProjectionTests
{
    private readonly ProjectionHarness _club = new(new TriageProjection());

    [Fact]
    public void Unsigned_players_are_grouped_by_team_with_counts_and_signed_players_are_left_out()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Lady Hawks 14U")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "signed")),
            new PlayerRegistered(Rows.Player(3, 1, 1, "declined")),
            new PlayerRegistered(Rows.Player(4, 1, 1, "none")));

        var team = _club.Data<TriageTeamDocument>("team:1");

        Assert.Equal("Lady Hawks 14U", team.TeamName);
        Assert.Equal((4, 3, 1, 1, 1), (team.PlayerCount, team.UnsignedCount, team.SentCount, team.DeclinedCount, team.NoneCount));
        Assert.Equal([1, 3, 4], team.Players.Select(p => p.PlayerId));
        Assert.Equal(["declined", "none", "sent"], team.Statuses);
        var summary = _club.Data<TriageSummaryDocument>("summary");
        Assert.Equal((4, 1, 3, 1), (summary.PlayerCount, summary.SignedCount, summary.UnsignedCount, summary.TeamsWithUnsigned));
    }

    [Fact]
    public void Inside_a_team_the_longest_waiting_sent_contract_comes_first_then_declined_then_none()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "none", last: "Adams")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "declined", last: "Baker")),
            new PlayerRegistered(Rows.Player(3, 1, 1, "sent", last: "Clark")),
            new PlayerRegistered(Rows.Player(4, 1, 1, "sent", last: "Davis")),
            new ContractSent(Rows.Contract(1, 3, sentAt: Rows.At(5))),
            new ContractSent(Rows.Contract(2, 4, sentAt: Rows.At(2))));

        var team = _club.Data<TriageTeamDocument>("team:1");

        Assert.Equal([4, 3, 2, 1], team.Players.Select(p => p.PlayerId));
        Assert.Equal(Rows.At(2), team.Players[0].ContractSentAt);
    }

    [Fact]
    public void Teams_with_the_most_unsigned_players_sort_first()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Alpha")),
            new TeamAdded(Rows.Team(2, "Bravo")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, 2, "sent")),
            new PlayerRegistered(Rows.Player(3, 1, 2, "none")));

        var order = _club.Documents().Values.Where(d => d.Kind == "team").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((TriageTeamDocument)d.Data).TeamName);

        Assert.Equal(["Bravo", "Alpha"], order);
    }

    [Fact]
    public void Players_without_a_team_have_their_own_group_and_parents_without_contact_show_nulls()
    {
        _club.Apply(
            new ParentRegistered(Rows.Parent(1, email: null, phone: null)),
            new PlayerRegistered(Rows.Player(1, 1, null, "sent")));

        var group = _club.Data<TriageTeamDocument>("team:none");

        Assert.Null(group.TeamId);
        Assert.Null(group.Players[0].ParentEmail);
        Assert.Null(group.Players[0].ParentPhone);
        Assert.Contains("\"teamId\":null", DocumentJson.Serialize(group), StringComparison.Ordinal);
        Assert.Equal(1, _club.Data<TriageSummaryDocument>("summary").NoTeamUnsignedCount);
    }

    [Fact]
    public void A_contract_resent_with_a_new_version_shows_the_new_sent_date_not_the_voided_one()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new ContractSent(Rows.Contract(1, 1, version: "2026-spring-v1", sentAt: Rows.At(2))));
        _club.Apply(
            new ContractVoided(Rows.Contract(1, 1, "voided", "2026-spring-v1", sentAt: Rows.At(2))),
            new ContractSent(Rows.Contract(2, 1, version: "2026-spring-v2", sentAt: Rows.At(9))));

        var player = _club.Data<TriageTeamDocument>("team:1").Players.Single();

        Assert.Equal((2, "2026-spring-v2", Rows.At(9)), (player.ContractId!.Value, player.ContractVersion!, player.ContractSentAt!.Value));
    }

    [Fact]
    public void Signing_the_last_unsigned_player_deletes_the_team_group()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")));
        Assert.NotNull(_club.Find("team:1"));

        _club.Apply(new PlayerContractStatusChanged(Rows.Player(1, 1, 1, "signed"), "sent"));

        Assert.Null(_club.Find("team:1"));
        Assert.Equal(0, _club.Data<TriageSummaryDocument>("summary").UnsignedCount);
    }

    [Fact]
    public void Moving_a_player_to_another_team_updates_both_groups()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new TeamAdded(Rows.Team(2)),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, 1, "none")));

        _club.Apply(new PlayerAssignedToTeam(Rows.Player(1, 1, 2, "sent"), 1));

        Assert.Equal([2], _club.Data<TriageTeamDocument>("team:1").Players.Select(p => p.PlayerId));
        Assert.Equal([1], _club.Data<TriageTeamDocument>("team:2").Players.Select(p => p.PlayerId));
    }

    [Fact]
    public void A_parent_contact_change_reaches_every_team_their_kids_play_on()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1)),
            new TeamAdded(Rows.Team(2)),
            new ParentRegistered(Rows.Parent(1, email: null)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, 2, "none")));

        _club.Apply(new ParentContactChanged(Rows.Parent(1, email: "new@example.com")));

        Assert.Equal("new@example.com", _club.Data<TriageTeamDocument>("team:1").Players[0].ParentEmail);
        Assert.Equal("new@example.com", _club.Data<TriageTeamDocument>("team:2").Players[0].ParentEmail);
    }

    [Fact]
    public void Html_like_accented_and_apostrophe_names_are_stored_as_data_unchanged()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "<b>Hawks</b> & Co")),
            new ParentRegistered(Rows.Parent(1, "Zoë", "O'Brien")),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent", "<script>alert(1)</script>", "Nuñez")));

        var document = _club.Document("team:1");
        var json = DocumentJson.Serialize(document.Data);

        Assert.Contains("<script>alert(1)</script>", json, StringComparison.Ordinal);
        Assert.Contains("\"parentLastName\":\"O'Brien\"", json, StringComparison.Ordinal);
        Assert.Contains("Zoë", json, StringComparison.Ordinal);
        Assert.Contains("<b>Hawks</b> & Co", json, StringComparison.Ordinal);
        Assert.Contains("nuñez", document.Search, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_group_is_split_into_pages_that_appear_and_disappear_with_it()
    {
        var club = new ProjectionHarness(new TriageProjection(pageSize: 2));
        club.Apply(
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, null, "sent")),
            new PlayerRegistered(Rows.Player(2, 1, null, "sent")),
            new PlayerRegistered(Rows.Player(3, 1, null, "none")));

        Assert.Equal(2, club.Data<TriageTeamDocument>("team:none").PageCount);
        Assert.Equal([3], club.Data<TriagePageDocument>("team:none/page:2").Players.Select(p => p.PlayerId));

        club.Apply(new PlayerRemoved(3));

        Assert.Null(club.Find("team:none/page:2"));
        Assert.Equal(1, club.Data<TriageTeamDocument>("team:none").PageCount);
    }
}
