using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Timeline;

// The timeline's share of the club state: entries by day for the last RetainedDays days (relative
// to AsOf), at most MaxEntriesPerDay kept per day (the latest; the day still counts every entry).
// EventFold records into it from each RecordedEvent, because only the recorded event carries the
// snapshot time and the sequence. LastTouched names the days the last recorded event changed,
// so that Affected (called right after the fold) can name their documents.
public sealed class TimelineLog
{
    public const int RetainedDays = 60;
    public const int MaxEntriesPerDay = 1000;

    private readonly SortedDictionary<DateOnly, TimelineDay> _days = [];

    public IReadOnlyCollection<DateOnly> Days => _days.Keys;

    public IReadOnlyList<TouchedDay> LastTouched { get; private set; } = [];

    public TimelineDay? Day(DateOnly day) => _days.GetValueOrDefault(day);

    public void Record(ClubState state, RecordedEvent recorded)
    {
        var touched = new List<TouchedDay>();
        var cutoff = DateOnly.FromDateTime(state.AsOf.UtcDateTime).AddDays(1 - RetainedDays);
        var entry = TimelineEntries.From(state, recorded);
        var day = DateOnly.FromDateTime(recorded.SourceSnapshotAt.UtcDateTime);
        if (entry is not null && day >= cutoff)
        {
            if (!_days.TryGetValue(day, out var log))
            {
                log = new TimelineDay(day);
                _days[day] = log;
            }

            log.Add(entry);
            touched.Add(new TouchedDay(day, log.Retained));
        }

        foreach (var old in _days.Keys.TakeWhile(d => d < cutoff).ToList())
        {
            touched.Add(new TouchedDay(old, _days[old].Retained));
            _days.Remove(old);
        }

        LastTouched = touched;
    }
}

// A day whose entries changed, with how many it held (before removal, for a pruned day): enough
// to name every page document the change may create or delete.
public sealed record TouchedDay(DateOnly Date, int Entries);
