namespace Westside.Projections.Dashboard.Infrastructure;

// Enumerations of the club's domain that filters offer (SOURCE.md: teams.age_group is '10U'..'17U').
public static class Club
{
    public static readonly IReadOnlyList<string> AgeGroups = ["10U", "11U", "12U", "13U", "14U", "15U", "16U", "17U"];

    public static string? ValidAgeGroup(string? age) => age is { } a && AgeGroups.Contains(a) ? a : null;
}
