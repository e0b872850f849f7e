namespace Westside.Projections.Dashboard.Components;

// One <select> of a page's filter form. Value "" means "all".
public sealed record FilterSelect(string Name, string Label, string AllLabel, IReadOnlyList<FilterOption> Options, string? Selected)
{
    public static FilterSelect AgeGroups(string? selected) => new(
        "age", "Age group", "All ages", Infrastructure.Club.AgeGroups.Select(a => new FilterOption(a, a)).ToList(), selected);
}

public sealed record FilterOption(string Value, string Label);
