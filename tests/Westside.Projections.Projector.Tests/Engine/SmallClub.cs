namespace Westside.Projections.Projector.Tests.Engine;

// A club of 3 teams, 30 parents and 120 players (a fifth of them without a team): about 150 events.
public static class SmallClub
{
    public const string Sql = """
        insert into teams (id, name, season, age_group, gender) select g, 'Team ' || g, '2026-spring', '14U', 'boys' from generate_series(1, 3) g;
        insert into parents (id, first_name, last_name) select g, 'Parent', 'Family ' || g from generate_series(1, 30) g;
        insert into players (id, parent_id, team_id, first_name, last_name, birth_year)
            select g, 1 + g % 30, case when g % 5 = 0 then null else 1 + g % 3 end, 'Kid', 'K' || g, 2013 from generate_series(1, 120) g;
        """;
}
