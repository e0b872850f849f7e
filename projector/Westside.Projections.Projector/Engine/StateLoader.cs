using Npgsql;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// Folds a range of the event log into a ClubState, streaming it in chunks so that a caller can
// report progress (or write) on the same connection between chunks.
public static class StateLoader
{
    public const int ChunkSize = 10_000;

    // Folds events after < seq <= upTo; returns the position reached (upTo). afterChunk gets the
    // number of sequence numbers covered so far. The log may have gaps (Marten's sequence does not give
    // back the numbers of a rolled-back append), so chunks are ranges of numbers, not counts of events.
    public static async Task<long> FoldAsync(
        NpgsqlConnection conn, ClubState state, long after, long upTo, Func<long, Task>? afterChunk, CancellationToken ct)
    {
        var position = after;
        while (position < upTo)
        {
            var end = Math.Min(position + ChunkSize, upTo);
            await foreach (var recorded in EventLogReader.ReadAsync(conn, position, end, ct))
            {
                EventFold.Apply(state, recorded);
            }

            position = end;
            if (afterChunk is not null)
            {
                await afterChunk(position - after);
            }
        }

        return position;
    }

    public static async Task<IReadOnlyList<RecordedEvent>> ReadAsync(
        NpgsqlConnection conn, long after, long upTo, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        await foreach (var recorded in EventLogReader.ReadAsync(conn, after, upTo, ct))
        {
            events.Add(recorded);
        }

        return events;
    }
}
