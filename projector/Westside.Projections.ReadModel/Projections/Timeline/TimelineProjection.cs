using System.Globalization;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Timeline;

// Story "what changed": the event log as a timeline, one document per day (newest day first,
// newest entry first). The entries live in ClubState.TimelineLog, recorded by EventFold from each
// RecordedEvent (only it carries the snapshot time); this projection renders them.
public sealed class TimelineProjection(int pageSize = TimelineProjection.DefaultPageSize) : IProjection
{
    public const int DefaultPageSize = 50;
    private const string DayPrefix = "day:";
    private const string DateFormat = "yyyy-MM-dd";

    public string Name => "timeline";

    // The days the last folded event touched (its entry's day, days pruned from the window). In the
    // call before a fold these are the previous event's days: naming them again is harmless.
    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var touched in state.TimelineLog.LastTouched)
        {
            for (var page = 1; page <= Math.Max(1, TeamGroups.PageCount(touched.Entries, pageSize)); page++)
            {
                documentIds.Add(PageId(touched.Date, page));
            }
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (!TryParse(documentId, out var date, out var page) || state.TimelineLog.Day(date) is not { } day)
        {
            return null;
        }

        var entries = day.NewestFirst();
        var pageCount = TeamGroups.PageCount(entries.Count, pageSize);
        if (page > pageCount)
        {
            return null;
        }

        var slice = TeamGroups.Slice(entries, page, pageSize);
        var search = SearchText.Of(slice.SelectMany(e => new[] { e.PlayerFirstName, e.PlayerLastName, e.TeamName, e.TournamentName }));
        if (page > 1)
        {
            return new ProjectedDocument(
                "day-page",
                SortKeys.Join(SortKeys.DayDescending(date), SortKeys.Ascending(page)),
                search,
                new TimelinePageDocument(date, page, pageCount, slice));
        }

        var counts = day.CountsByKind.Select(kv => new TimelineKindCount(kv.Key, kv.Value)).ToList();
        return new ProjectedDocument(
            "day",
            SortKeys.DayDescending(date),
            search,
            new TimelineDayDocument(date, day.Total, day.Retained, counts, 1, pageCount, slice));
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        foreach (var date in state.TimelineLog.Days)
        {
            var day = state.TimelineLog.Day(date)!;
            for (var page = 1; page <= TeamGroups.PageCount(day.Retained, pageSize); page++)
            {
                yield return PageId(date, page);
            }
        }
    }

    public static string DayId(DateOnly date) => DayPrefix + date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string PageId(DateOnly date, int page) => PagedIds.Of(DayId(date), page);

    private static bool TryParse(string id, out DateOnly date, out int page)
    {
        date = default;
        return PagedIds.TrySplit(id, out var key, out page)
            && key.StartsWith(DayPrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(key.AsSpan(DayPrefix.Length), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && PageId(date, page) == id;
    }
}
