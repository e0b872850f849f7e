using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.TeamProgress;

// How far along each team is: share signed, jerseys paid, dues current, money collected and
// outstanding; one document per team (teams with players) and one for the club.
public sealed class TeamProgressProjection : IProjection
{
    public const string ClubId = "club";

    public string Name => "progress";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            documentIds.Add(TeamGroups.Key(player.TeamId));
            documentIds.Add(ClubId);
        }

        var playerIds = EventRows.Contracts(state, domainEvent).Select(c => c.PlayerId)
            .Concat(EventRows.JerseyPayments(state, domainEvent).Select(p => p.PlayerId))
            .Concat(EventRows.Subscriptions(state, domainEvent).Select(s => s.PlayerId));
        foreach (var playerId in playerIds)
        {
            if (state.Player(playerId) is { } player)
            {
                documentIds.Add(TeamGroups.Key(player.TeamId));
                documentIds.Add(ClubId);
            }
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            documentIds.Add(TeamGroups.Key(teamId));
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == ClubId)
        {
            return RenderClub(state);
        }

        return TeamGroups.TryParse(documentId, out var teamId, out var page) && page == 1 ? RenderTeam(state, teamId) : null;
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        if (state.Players.Count > 0)
        {
            yield return ClubId;
        }

        foreach (var teamId in state.PlayersByTeam.Keys.OrderBy(k => k ?? -1))
        {
            yield return TeamGroups.Key(teamId);
        }
    }

    private static ProjectedDocument? RenderTeam(ClubState state, int? teamId)
    {
        if (state.PlayersByTeam[teamId].Count == 0)
        {
            return null;
        }

        var team = state.Team(teamId);
        var figures = ProgressFiguresBuilder.From(state, state.PlayersOfTeam(teamId));
        var sortKey = SortKeys.Join(SortKeys.Ascending(figures.SignedPermille), SortKeys.Text(team?.Name), SortKeys.Id(teamId ?? 0));
        return new ProjectedDocument(
            "team", sortKey, SearchText.Of(team?.Name), new TeamProgressDocument(teamId, team?.Name, team?.AgeGroup, figures));
    }

    private static ProjectedDocument? RenderClub(ClubState state)
    {
        if (state.Players.Count == 0)
        {
            return null;
        }

        var figures = ProgressFiguresBuilder.From(state, state.Players.Values);
        var teams = state.PlayersByTeam.Keys.Count(k => k is not null);
        var data = new ClubProgressDocument(teams, state.PlayersByTeam[null].Count, figures);
        return new ProjectedDocument("club", "", "", data);
    }
}
