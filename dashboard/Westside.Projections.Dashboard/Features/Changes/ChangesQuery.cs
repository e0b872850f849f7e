using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Changes;

// What changed since a date, from the timeline projection (the event log by day): the totals per day and
// per kind, and the newest entries. The log keeps every event; the timeline keeps MaxDays days of it.
public sealed class ChangesQuery(DocumentReader reader, TimeProvider clock)
{
    public const int MaxDays = 92;
    public const int EntriesShown = 50;

    public async Task<ChangesView> ReadAsync(DateOnly since, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = since < today.AddDays(-MaxDays) ? today.AddDays(-MaxDays) : since;
        var limit = Math.Max(1, today.DayNumber - from.DayNumber + 2);
        var days = (await reader.ListAsync(new DocumentQuery("timeline", "day") { Limit = limit }, ct))
            .Select(d => d.As<TimelineDayDocument>())
            .Where(d => d.Date >= from)
            .ToList();
        var counts = CountsByKind(days);
        var entries = days.SelectMany(d => d.Entries).OrderByDescending(e => e.Sequence).Take(EntriesShown).ToList();
        var total = days.Sum(d => d.Total);
        return new ChangesView(
            since, from, days.Select(d => new ChangesDay(d.Date, d.Total)).ToList(), total, counts, entries, entries.Count < total);
    }

    // The days' changes added up per kind, most first: the Today page's "since yesterday" uses it too.
    public static List<TimelineKindCount> CountsByKind(IEnumerable<TimelineDayDocument> days) =>
        days.SelectMany(d => d.CountsByKind)
            .GroupBy(c => c.Kind, StringComparer.Ordinal)
            .Select(g => new TimelineKindCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Kind, StringComparer.Ordinal)
            .ToList();
}
