using Marten;
using Marten.Services;
using Npgsql;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Events;

// One event to append: its stream, the event, the time it is recorded at and the source snapshot it is
// as of.
public sealed record PendingEvent(string SourceTable, string SourceKey, IDomainEvent Event, DateTimeOffset RecordedAt, DateTimeOffset SnapshotAt);

// Appends events to Marten's event store inside the caller's transaction (a Marten session enlisted
// with SessionOptions.ForTransaction: SaveChanges writes, the caller commits or rolls back), keeping
// the caller's order in the sequence numbers.
//
// Marten numbers a session's events stream by stream, in the order each stream was first appended to,
// and the streams it appends to before the streams it starts. So the events are cut into runs of one
// stream and sent in sessions within which no stream appears twice and every stream is either started
// or appended to: then Marten's order is the caller's. Verified on the numbers it hands back.
public static class EventAppender
{
    private const int MaxEventsPerSession = 5000;

    // newStreams: every stream is new to the log (the first poll of an empty one): each stream's first run
    // starts it, which spares Marten's look-up of its version (a query per stream: 434,000 of them in a
    // 50,000-player club's first poll). Starting a stream that exists fails the append.
    public static async Task<IReadOnlyList<RecordedEvent>> AppendAsync(
        IDocumentStore store, NpgsqlTransaction tx, IReadOnlyList<PendingEvent> events, bool newStreams, CancellationToken ct)
    {
        var recorded = new List<RecordedEvent>(events.Count);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var start = 0;
        while (start < events.Count)
        {
            var end = SessionEnd(events, start, s => newStreams && !started.Contains(s));
            await using (var session = store.LightweightSession(SessionOptions.ForTransaction(tx)))
            {
                var wrappers = new List<JasperFx.Events.IEvent>(end - start);
                var run = start;
                while (run < end)
                {
                    var stream = StreamOf(events[run]);
                    var runEnd = run + 1;
                    while (runEnd < end && StreamOf(events[runEnd]) == stream)
                    {
                        runEnd++;
                    }

                    var runEvents = events.Skip(run).Take(runEnd - run).Select(e => (object)e.Event).ToArray();
                    var action = newStreams && started.Add(stream)
                        ? session.Events.StartStream(stream, runEvents)
                        : session.Events.Append(stream, runEvents);
                    var appended = action.Events.TakeLast(runEnd - run).ToList();
                    for (var i = 0; i < appended.Count; i++)
                    {
                        var pending = events[run + i];
                        appended[i].Timestamp = pending.RecordedAt;
                        appended[i].SetHeader(EventStreams.SnapshotHeader, pending.SnapshotAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    wrappers.AddRange(appended);
                    run = runEnd;
                }

                await session.SaveChangesAsync(ct);
                for (var i = 0; i < wrappers.Count; i++)
                {
                    var pending = events[start + i];
                    recorded.Add(new RecordedEvent(
                        wrappers[i].Sequence, pending.SourceTable, pending.SourceKey, pending.SnapshotAt.ToUniversalTime(), pending.RecordedAt, pending.Event));
                }
            }

            start = end;
        }

        for (var i = 1; i < recorded.Count; i++)
        {
            if (recorded[i].Sequence <= recorded[i - 1].Sequence)
            {
                throw new InvalidOperationException(
                    $"Marten numbered appended events out of order (seq {recorded[i].Sequence} after {recorded[i - 1].Sequence}).");
            }
        }

        return recorded;
    }

    // The end (exclusive) of the longest prefix from start in which no stream appears in two runs and
    // every stream is started, or every one appended to (starts).
    private static int SessionEnd(IReadOnlyList<PendingEvent> events, int start, Func<string, bool> starts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var starting = starts(StreamOf(events[start]));
        var end = start;
        string? current = null;
        while (end < events.Count && end - start < MaxEventsPerSession)
        {
            var stream = StreamOf(events[end]);
            if (stream != current && (!seen.Add(stream) || starts(stream) != starting))
            {
                break;
            }

            current = stream;
            end++;
        }

        return end;
    }

    private static string StreamOf(PendingEvent e) => EventStreams.Key(e.SourceTable, e.SourceKey);
}
