using Westside.Projections.ReadModel.Projections.TeamProgress;
using Westside.Projections.ReadModel.Projections.Timeline;

namespace Westside.Projections.Dashboard.Features.Today;

// The actionables: counts that link to the page where they get done, per-team progress, and what
// changed since yesterday (the event log's timeline).
public sealed record TodayView(
    IReadOnlyList<Actionable> Actionables,
    ClubProgressDocument? Club,
    IReadOnlyList<TeamProgressDocument> Teams,
    long TeamCount,
    IReadOnlyList<TimelineKindCount> ChangeCounts,
    IReadOnlyList<TimelineEntry> LatestChanges,
    int ChangeTotal,
    DateOnly Since);

// Tone: "bad", "attention" or "good", for the card's colour.
public sealed record Actionable(string Key, string Label, int Count, string Href, string Tone, string? Detail = null);
