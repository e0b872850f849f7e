using System.Globalization;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Tests.Engine;

// A small real projection for the runtime's tests: per team (and "none" for unassigned players) how
// many players it has and how many signed. Exercises moves between documents (the before/after rule).
public sealed class TeamCountsProjection(string name = "test-team-counts") : IProjection
{
    public const string Unassigned = "team:none";

    public string Name { get; } = name;

    public static string IdOf(int? teamId) =>
        teamId is { } id ? $"team:{id.ToString(CultureInfo.InvariantCulture)}" : Unassigned;

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        switch (domainEvent)
        {
            case IRowEvent<PlayerRow> e:
                documentIds.Add(IdOf(state.Players.TryGetValue(e.Row.Id, out var now) ? now.TeamId : e.Row.TeamId));
                break;
            case PlayerRemoved e when state.Players.TryGetValue((int)e.Key, out var gone):
                documentIds.Add(IdOf(gone.TeamId));
                break;
            case IRowEvent<TeamRow> e: documentIds.Add(IdOf(e.Row.Id)); break;
            case TeamRemoved e: documentIds.Add(IdOf((int)e.Key)); break;
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        int? teamId = documentId == Unassigned ? null : int.Parse(documentId["team:".Length..], CultureInfo.InvariantCulture);
        var players = state.PlayersByTeam[teamId];
        TeamRow? team = null;
        if (teamId is { } id && !state.Teams.TryGetValue(id, out team) && players.Count == 0)
        {
            return null;
        }

        if (teamId is null && players.Count == 0)
        {
            return null;
        }

        var signed = players.Count(p => state.Players[p].ContractStatus == "signed");
        return new ProjectedDocument(
            "team", team?.Name.ToLowerInvariant() ?? "~none", team?.Name.ToLowerInvariant() ?? "",
            new TeamCountDocument(teamId, team?.AgeGroup, players.Count, signed));
    }

    public IEnumerable<string> AllDocumentIds(ClubState state) =>
        state.Teams.Keys.Select(id => IdOf(id)).Concat(state.PlayersByTeam.Keys.Select(IdOf)).Distinct();
}

public sealed record TeamCountDocument(int? TeamId, string? AgeGroup, int Players, int Signed);
