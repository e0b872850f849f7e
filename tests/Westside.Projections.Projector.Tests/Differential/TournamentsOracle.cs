using Westside.Projections.ReadModel.Projections.Tournaments;

namespace Westside.Projections.Projector.Tests.Differential;

// Tournament registration, asked of the source: a team's entry in a tournament is registered when any of
// its rows is, its fee paid when every registered row is paid; per tournament the entries counted and the
// fee still owed, latest start first; per entry its rows (team-level rows first, then registered ones,
// then by player last name and id), listed unpaid first, then paid, then withdrawn.
public sealed class TournamentsOracle : IProjectionOracle
{
    // One row per (tournament, team) that has registration rows.
    private const string Entries = """
        entries as (
            select r.tournament_id, r.team_id,
                   bool_or(r.status = 'registered') as registered,
                   coalesce(bool_and(r.fee_paid) filter (where r.status = 'registered'), false) as fee_paid,
                   (count(*) filter (where r.status = 'registered'))::int as registered_rows,
                   (count(*) filter (where r.status <> 'registered'))::int as withdrawn_rows
            from tournament_registrations r
            group by r.tournament_id, r.team_id)
        """;

    public string Projection => "tournaments";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var heads = await context.RowsAsync($"""
            with {Entries}
            select t.id, t.name, t.location, t.starts_on, t.ends_on, t.registration_deadline, t.fee_cents,
                   (count(e.team_id) filter (where e.registered))::int,
                   (count(e.team_id) filter (where not e.registered))::int,
                   (count(e.team_id) filter (where e.registered and e.fee_paid))::int,
                   (count(e.team_id) filter (where e.registered and not e.fee_paid))::int,
                   ((count(e.team_id) filter (where e.registered and not e.fee_paid)) * t.fee_cents)::bigint,
                   (select count(*) from tournament_registrations r where r.tournament_id = t.id)::int
            from tournaments t left join entries e on e.tournament_id = t.id
            group by t.id
            order by t.starts_on desc, t.id
            """,
            r => new TournamentDocument(
                r.GetInt32(0), r.GetString(1), r.TextOrNull(2), r.Date(3), r.Date(4), r.DateOrNull(5), r.GetInt32(6),
                r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt64(11), r.GetInt32(12)),
            ct);
        var rows = (await context.RowsAsync("""
            select r.tournament_id, r.team_id, r.id, r.player_id, p.first_name, p.last_name, r.status, r.fee_paid, r.registered_at
            from tournament_registrations r left join players p on p.id = r.player_id
            """,
            r => (Key: (Tournament: r.GetInt32(0), Team: r.GetInt32(1)), Row: new EntryRegistration(
                r.GetInt32(2), r.IntOrNull(3), r.TextOrNull(4), r.TextOrNull(5), r.GetString(6), r.GetBoolean(7), r.Time(8))),
            ct)).ToLookup(x => x.Key, x => x.Row);
        var entries = await context.RowsAsync($"""
            with {Entries}
            select e.tournament_id, e.team_id, tm.name, tm.age_group, e.registered, e.fee_paid, e.registered_rows, e.withdrawn_rows,
                   case when not e.registered then 2 when e.fee_paid then 1 else 0 end
            from entries e join tournaments t on t.id = e.tournament_id left join teams tm on tm.id = e.team_id
            """,
            r => new EntryRow(
                r.GetInt32(0), r.GetInt32(1), r.TextOrNull(2), r.TextOrNull(3), r.GetBoolean(4), r.GetBoolean(5), r.GetInt32(6),
                r.GetInt32(7), r.GetInt32(8)),
            ct);

        var expected = new ExpectedDocumentSet();
        var tournaments = heads.ToDictionary(h => h.TournamentId);
        foreach (var head in heads)
        {
            expected.Add($"tournament:{head.TournamentId}", "tournament", head);
        }

        expected.ExpectOrder("tournament", heads.Select(h => $"tournament:{h.TournamentId}"));

        foreach (var entry in entries)
        {
            var tournament = tournaments[entry.TournamentId];
            var registrations = rows[(entry.TournamentId, entry.TeamId)]
                .OrderBy(r => r.PlayerId is null ? 0 : 1)
                .ThenBy(r => r.Status == "registered" ? 0 : 1)
                .ThenBy(r => r.PlayerLastName is null ? null : SourceQuery.Fold(r.PlayerLastName), StringComparer.Ordinal)
                .ThenBy(r => r.RegistrationId)
                .ToList();
            expected.Add($"tournament:{entry.TournamentId}/team:{entry.TeamId}", "entry", new TournamentEntryDocument(
                tournament.TournamentId, tournament.Name, tournament.StartsOn, tournament.EndsOn, tournament.RegistrationDeadline,
                tournament.FeeCents, entry.TeamId, entry.TeamName, entry.AgeGroup, entry.Registered ? "registered" : "withdrawn",
                entry.FeePaid, entry.RegisteredRows, entry.WithdrawnRows, registrations));
        }

        // Per tournament: registered and unpaid, then paid, then withdrawn; then team name and id.
        expected.ExpectOrder("entry", entries
            .OrderBy(e => e.TournamentId)
            .ThenBy(e => e.Rank)
            .ThenBy(e => SourceQuery.Fold(e.TeamName), StringComparer.Ordinal)
            .ThenBy(e => e.TeamId)
            .Select(e => $"tournament:{e.TournamentId}/team:{e.TeamId}"));

        return expected.DifferencesFrom(context.Documents);
    }

    private sealed record EntryRow(
        int TournamentId, int TeamId, string? TeamName, string? AgeGroup, bool Registered, bool FeePaid, int RegisteredRows,
        int WithdrawnRows, int Rank);
}
