using Westside.Projections.ReadModel.Projections.Timeline;

namespace Westside.Projections.Dashboard.Features.Changes;

// Since: the date asked for; From: the first day covered (the timeline keeps ChangesQuery.MaxDays days).
// Truncated: more changes happened than LatestChanges lists (the totals still count them all).
public sealed record ChangesView(
    DateOnly Since,
    DateOnly From,
    IReadOnlyList<ChangesDay> Days,
    int Total,
    IReadOnlyList<TimelineKindCount> CountsByKind,
    IReadOnlyList<TimelineEntry> LatestChanges,
    bool Truncated);

public sealed record ChangesDay(DateOnly Date, int Total);
