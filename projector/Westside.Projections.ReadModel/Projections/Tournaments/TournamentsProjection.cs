using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Tournaments;

// Tournament registration: per tournament, per team, who is registered or withdrawn, fee paid,
// deadline. Registrations of a tournament that no longer exists are not shown.
public sealed class TournamentsProjection : IProjection
{
    private const string Registered = "registered";
    private const string TournamentPrefix = "tournament:";
    private const string TeamInfix = "/team:";

    public string Name => "tournaments";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var tournamentId in EventRows.TournamentIds(domainEvent))
        {
            documentIds.Add(HeadId(tournamentId));
            foreach (var id in state.RegistrationsByTournament[tournamentId])
            {
                documentIds.Add(EntryId(tournamentId, state.TournamentRegistrations[id].TeamId));
            }
        }

        foreach (var registration in EventRows.Registrations(state, domainEvent))
        {
            documentIds.Add(HeadId(registration.TournamentId));
            documentIds.Add(EntryId(registration.TournamentId, registration.TeamId));
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            AddEntries(state, state.RegistrationsByTeam[teamId], documentIds);
        }

        foreach (var player in EventRows.Players(state, domainEvent))
        {
            AddEntries(state, state.RegistrationsByPlayer[player.Id], documentIds);
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (!TryParse(documentId, out var tournamentId, out var teamId)
            || !state.Tournaments.TryGetValue(tournamentId, out var tournament))
        {
            return null;
        }

        return teamId is { } team ? RenderEntry(state, tournament, team) : RenderHead(state, tournament);
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        foreach (var tournamentId in state.Tournaments.Keys.Order())
        {
            yield return HeadId(tournamentId);
            var teams = state.RegistrationsByTournament[tournamentId]
                .Select(id => state.TournamentRegistrations[id].TeamId)
                .Distinct()
                .Order();
            foreach (var teamId in teams)
            {
                yield return EntryId(tournamentId, teamId);
            }
        }
    }

    private static ProjectedDocument RenderHead(ClubState state, TournamentRow tournament)
    {
        var registrations = state.RegistrationsByTournament[tournament.Id].Select(id => state.TournamentRegistrations[id]).ToList();
        var entries = registrations.GroupBy(r => r.TeamId).Select(g => Standing(g.ToList())).ToList();
        var registered = entries.Count(e => e.Registered);
        var unpaid = entries.Count(e => e.Registered && !e.FeePaid);
        var data = new TournamentDocument(
            tournament.Id, tournament.Name, tournament.Location, tournament.StartsOn, tournament.EndsOn,
            tournament.RegistrationDeadline, tournament.FeeCents,
            registered, entries.Count - registered, registered - unpaid, unpaid, (long)unpaid * tournament.FeeCents,
            registrations.Count);
        return new ProjectedDocument(
            "tournament",
            SortKeys.Join(SortKeys.DayDescending(tournament.StartsOn), SortKeys.Id(tournament.Id)),
            SearchText.Of(tournament.Name, tournament.Location),
            data);
    }

    private static ProjectedDocument? RenderEntry(ClubState state, TournamentRow tournament, int teamId)
    {
        var rows = state.RegistrationsByTeam[teamId]
            .Select(id => state.TournamentRegistrations[id])
            .Where(r => r.TournamentId == tournament.Id)
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var team = state.Team(teamId);
        var standing = Standing(rows);
        var registrations = rows
            .Select(r => (Row: r, Player: r.PlayerId is { } p ? state.Player(p) : null))
            .OrderBy(x => x.Row.PlayerId is null ? 0 : 1)
            .ThenBy(x => x.Row.Status == Registered ? 0 : 1)
            .ThenBy(x => x.Player?.LastName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(x => x.Row.Id)
            .Select(x => new EntryRegistration(
                x.Row.Id, x.Row.PlayerId, x.Player?.FirstName, x.Player?.LastName, x.Row.Status, x.Row.FeePaid, x.Row.RegisteredAt))
            .ToList();
        var data = new TournamentEntryDocument(
            tournament.Id, tournament.Name, tournament.StartsOn, tournament.EndsOn, tournament.RegistrationDeadline,
            tournament.FeeCents, teamId, team?.Name, team?.AgeGroup,
            standing.Registered ? Registered : "withdrawn", standing.FeePaid,
            rows.Count(r => r.Status == Registered), rows.Count(r => r.Status != Registered), registrations);
        var rank = !standing.Registered ? 2 : standing.FeePaid ? 1 : 0;
        var sortKey = SortKeys.Join(SortKeys.Id(tournament.Id), SortKeys.Ascending(rank), SortKeys.Text(team?.Name), SortKeys.Id(teamId));
        var search = SearchText.Of(registrations.SelectMany(r => new[] { r.PlayerFirstName, r.PlayerLastName }).Prepend(team?.Name));
        return new ProjectedDocument("entry", sortKey, search, data);
    }

    private static (bool Registered, bool FeePaid) Standing(IReadOnlyList<TournamentRegistrationRow> rows)
    {
        var registered = rows.Where(r => r.Status == Registered).ToList();
        return (registered.Count > 0, registered.Count > 0 && registered.All(r => r.FeePaid));
    }

    private static void AddEntries(ClubState state, IEnumerable<int> registrationIds, ISet<string> documentIds)
    {
        foreach (var id in registrationIds)
        {
            var registration = state.TournamentRegistrations[id];
            documentIds.Add(EntryId(registration.TournamentId, registration.TeamId));
        }
    }

    private static string HeadId(int tournamentId) => TournamentPrefix + tournamentId;

    private static string EntryId(int tournamentId, int teamId) => $"{TournamentPrefix}{tournamentId}{TeamInfix}{teamId}";

    private static bool TryParse(string id, out int tournamentId, out int? teamId)
    {
        tournamentId = 0;
        teamId = null;
        if (!id.StartsWith(TournamentPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = id.AsSpan(TournamentPrefix.Length);
        var infix = rest.IndexOf(TeamInfix, StringComparison.Ordinal);
        if (infix < 0)
        {
            return int.TryParse(rest, out tournamentId) && HeadId(tournamentId) == id;
        }

        if (!int.TryParse(rest[..infix], out tournamentId) || !int.TryParse(rest[(infix + TeamInfix.Length)..], out var team))
        {
            return false;
        }

        teamId = team;
        return EntryId(tournamentId, team) == id;
    }
}
