using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Cohorts;

// Who a cohort document covers: "all", "team:{id}", "team:none" (players without a team) or
// "age:{group}" (the age group of the player's team). A team is small, so its document carries
// the emails inline; the other scopes are "wide" (they grow with the club) and are paged.
public sealed record CohortScope(string Kind, int? TeamId, string? AgeGroup)
{
    public const string AllKind = "all";
    public const string TeamKind = "team";
    public const string NoTeamKind = "no-team";
    public const string AgeKind = "age";

    public static CohortScope All { get; } = new(AllKind, null, null);

    public static CohortScope NoTeam { get; } = new(NoTeamKind, null, null);

    public static CohortScope Team(int teamId) => new(TeamKind, teamId, null);

    public static CohortScope Age(string ageGroup) => new(AgeKind, null, ageGroup);

    public bool IsWide => Kind != TeamKind;

    public string Id => Kind switch
    {
        AllKind => "all",
        TeamKind => $"team:{TeamId}",
        NoTeamKind => "team:none",
        _ => $"age:{AgeGroup}",
    };

    public static CohortScope? Parse(string id)
    {
        if (id == "all")
        {
            return All;
        }

        if (id == "team:none")
        {
            return NoTeam;
        }

        if (id.StartsWith("team:", StringComparison.Ordinal) && int.TryParse(id.AsSpan(5), out var teamId) && Team(teamId).Id == id)
        {
            return Team(teamId);
        }

        return id.StartsWith("age:", StringComparison.Ordinal) && id.Length > 4 ? Age(id[4..]) : null;
    }

    public static IEnumerable<CohortScope> Of(ClubState state, PlayerRow player)
    {
        yield return All;
        yield return player.TeamId is { } teamId ? Team(teamId) : NoTeam;
        if (state.Team(player.TeamId) is { } team)
        {
            yield return Age(team.AgeGroup);
        }
    }

    public string Label(ClubState state) => Kind switch
    {
        AllKind => "All players",
        TeamKind => state.Team(TeamId)?.Name ?? $"Team {TeamId}",
        NoTeamKind => "No team",
        _ => AgeGroup!,
    };

    public string SortKey(ClubState state) => Kind switch
    {
        AllKind => "0",
        AgeKind => SortKeys.Join("1", SortKeys.Text(AgeGroup)),
        TeamKind => SortKeys.Join("2", SortKeys.Text(state.Team(TeamId)?.Name), SortKeys.Id(TeamId ?? 0)),
        _ => "3",
    };
}
