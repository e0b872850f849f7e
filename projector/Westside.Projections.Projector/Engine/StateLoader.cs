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
    // number of events folded so far.
    public static async Task<long> FoldAsync(
        NpgsqlConnection conn, ClubState state, long after, long upTo, Func<long, Task>? afterChunk, CancellationToken ct)
    {
        var position = after;
        while (position < upTo)
        {
            var end = Math.Min(position + ChunkSize, upTo);
            await foreach (var recorded in EventLogReader.ReadAsync(conn, position, end, ct))
            {
                if (recorded.Sequence != position + 1)
                {
                    throw new InvalidOperationException($"The event log has a gap after seq {position}.");
                }

                EventFold.Apply(state, recorded);
                position = recorded.Sequence;
            }

            if (position != end)
            {
                throw new InvalidOperationException($"The event log ends at seq {position}, before its head {upTo}.");
            }

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
