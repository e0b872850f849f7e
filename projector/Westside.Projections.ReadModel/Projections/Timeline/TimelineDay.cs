namespace Westside.Projections.ReadModel.Projections.Timeline;

// One day of the timeline: its latest entries (at most TimelineLog.MaxEntriesPerDay) and counts of all.
public sealed class TimelineDay(DateOnly date)
{
    private readonly Queue<TimelineEntry> _entries = new();
    private readonly SortedDictionary<string, int> _countsByKind = new(StringComparer.Ordinal);

    public DateOnly Date { get; } = date;

    public int Total { get; private set; }

    public IReadOnlyDictionary<string, int> CountsByKind => _countsByKind;

    // Newest first.
    public IReadOnlyList<TimelineEntry> NewestFirst() => _entries.Reverse().ToList();

    public int Retained => _entries.Count;

    internal void Add(TimelineEntry entry)
    {
        _entries.Enqueue(entry);
        if (_entries.Count > TimelineLog.MaxEntriesPerDay)
        {
            _entries.Dequeue();
        }

        Total++;
        _countsByKind[entry.Kind] = _countsByKind.GetValueOrDefault(entry.Kind) + 1;
    }
}
