using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Store;

// Streams the event log (Marten's mt_events) in sequence order, one query, rows read as they arrive,
// deserialising each event with EventSerializer (Marten writes it with the same JSON settings and the
// record name as its type name). Used to fold ClubState at start-up, by rebuilds, and by readers of the
// timeline ("what changed since yesterday").
//
// Marten's sequence may leave gaps (numbers of a rolled-back append are not given back), so readers
// take "the events in (after, upTo]" and never expect one number after another. One writer (the
// leader) appends, one transaction at a time, so what a reader sees is always a prefix of the log.
public static class EventLogReader
{
    // Events with after < seq <= upTo, in order.
    public static async IAsyncEnumerable<RecordedEvent> ReadAsync(
        NpgsqlConnection conn, long after, long upTo, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select seq_id, type, stream_id, data, headers ->> '{EventStreams.SnapshotHeader}', timestamp
            from {EventStreams.EventsTable}
            where seq_id > @after and seq_id <= @upTo and type <> '{EventStreams.TombstoneType}'
            order by seq_id
            """, conn);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    // The sequence of the last event in the log, 0 when it is empty (or when no projector has created
    // Marten's tables yet: the dashboard may start first).
    public static async Task<long> HeadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand($"select to_regclass('{EventStreams.EventsTable}') is not null", conn, tx))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var cmd = new NpgsqlCommand($"""
            select coalesce(max(seq_id), 0) from {EventStreams.EventsTable} where type <> '{EventStreams.TombstoneType}'
            """, conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static RecordedEvent Read(NpgsqlDataReader r)
    {
        var seq = r.GetInt64(0);
        var type = r.GetString(1);
        var (table, key) = EventStreams.Parse(r.GetString(2));
        var data = r.GetString(3);
        var snapshotText = r.IsDBNull(4) ? null : r.GetString(4);
        var recordedAt = r.GetFieldValue<DateTimeOffset>(5);
        var snapshotAt = snapshotText is null
            ? recordedAt
            : EventStreams.ParseSnapshotAt(snapshotText);
        return new RecordedEvent(seq, table, key, snapshotAt, recordedAt, EventSerializer.Deserialize(type, data));
    }
}
