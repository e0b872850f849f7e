namespace Westside.Projections.Projector.Outbox;

// An in-memory mirror of the outbox rows processed in the last day, so that latency percentiles over
// the hour and the day cost a few rows of source time per poll instead of a day's worth.
//
// The source has no index on processed_at, only outbox(status, created_at), so rows are found by
// created_at. The protocol fact the ledger relies on: a row processed after a poll was, at that poll,
// either pending (created_at >= the oldest pending created_at) or not yet visible (created_at >= the
// snapshot time - CommitSlack, CommitSlack bounding how long a source transaction runs between its
// now() and its commit). So each poll re-reads only the processed rows created since
//     LiveFrom = max(min(oldest pending, snapshot), snapshot - LiveSpan) - CommitSlack,
// a few minutes of rows in steady state. Rows that escape that range -- processed after waiting more
// than LiveSpan, or a failed row re-queued and processed -- are found by a rotation that re-reads one
// RotationChunk of older created_at per poll, back to the oldest pending row or a day, whichever is
// older (at most MaxLookback): such rows count within one rotation (about 50 polls), not instantly.
// A fresh ledger (first poll, or after a gap in sampling) reads everything once, from the outbox's
// state a day ago as the stored samples recorded it (or two days back without samples).
// Rows processed more than a day before the snapshot are dropped.
public sealed class LatencyLedger(OutboxSamplerOptions options)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly List<ProcessedRow> _rows = []; // ordered by CreatedAt
    private DateTime? _lastAt;
    private DateTime _liveFrom;
    private DateTime _rotationStart;
    private DateTime _cursor;

    public int Count => _rows.Count;

    public bool NeedsRebuild(DateTime at) =>
        _lastAt is not { } last || at < last || at - last > options.RebuildAfterGap;

    // historyFloor: the oldest created_at a row pending a day ago can have (from the stored samples),
    // when known; only used when NeedsRebuild.
    public LedgerScan Plan(DateTime at, DateTime? historyFloor)
    {
        var dayAgo = at - Day;
        if (NeedsRebuild(at))
        {
            var floor = Min(dayAgo, historyFloor ?? at - (2 * Day)) - options.CommitSlack;
            return new LedgerScan(true, Max(floor, at - options.MaxLookback), null, dayAgo);
        }

        if (_cursor < _rotationStart || _cursor >= _liveFrom)
        {
            _cursor = _rotationStart;
        }

        (DateTime, DateTime)? chunk = _cursor < _liveFrom ? (_cursor, Min(_cursor + options.RotationChunk, _liveFrom)) : null;
        return new LedgerScan(false, _liveFrom, chunk, dayAgo);
    }

    public void Apply(LedgerScan scan, List<ProcessedRow> live, List<ProcessedRow>? chunk, DateTime at, DateTime? oldestPendingCreatedAt)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(live);
        if (scan.Rebuild)
        {
            _rows.Clear();
            Replace(scan.LiveFrom, DateTime.MaxValue, live);
        }
        else
        {
            Replace(scan.LiveFrom, DateTime.MaxValue, live);
            if (scan.Chunk is { } range)
            {
                Replace(range.From, range.To, chunk ?? []);
                _cursor = range.To;
            }
        }

        _rows.RemoveAll(r => r.ProcessedAt < scan.DayAgo);
        var oldestPending = Min(oldestPendingCreatedAt ?? at, at);
        _liveFrom = Max(oldestPending, at - options.LiveSpan) - options.CommitSlack;
        _rotationStart = Max(Min(scan.DayAgo, oldestPending - options.CommitSlack), at - options.MaxLookback);
        if (scan.Rebuild)
        {
            _cursor = _rotationStart;
        }

        _lastAt = at;
    }

    // The rows processed at or after `since`.
    public IEnumerable<ProcessedRow> ProcessedSince(DateTime since) => _rows.Where(r => r.ProcessedAt >= since);

    private void Replace(DateTime from, DateTime to, List<ProcessedRow> rows)
    {
        rows.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        var lo = LowerBound(from);
        var hi = LowerBound(to);
        _rows.RemoveRange(lo, hi - lo);
        _rows.InsertRange(lo, rows);
    }

    private int LowerBound(DateTime createdAt)
    {
        int lo = 0, hi = _rows.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_rows[mid].CreatedAt < createdAt)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
