namespace Westside.Projections.ReadModel.Projections.Timeline;

// "day:{yyyy-MM-dd}" (kind "day"): one day of the timeline, newest entry first, with its first page.
public sealed record TimelineDayDocument(
    DateOnly Date,
    int Total,
    int Retained,
    IReadOnlyList<TimelineKindCount> CountsByKind,
    int Page,
    int PageCount,
    IReadOnlyList<TimelineEntry> Entries);

// "day:{yyyy-MM-dd}/page:{n}" (kind "day-page"), n >= 2.
public sealed record TimelinePageDocument(DateOnly Date, int Page, int PageCount, IReadOnlyList<TimelineEntry> Entries);

public sealed record TimelineKindCount(string Kind, int Count);
