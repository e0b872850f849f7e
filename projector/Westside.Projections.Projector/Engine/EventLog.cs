using Npgsql;
using NpgsqlTypes;
using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Engine;

// Appends a captured batch to the event log inside the caller's transaction. Sequence numbers come
// from the log_head row, updated (and so row-locked) in the same transaction: the numbers are
// gapless and a rolled-back batch gives its numbers back. Never a sequence (sequences leave gaps).
public static class EventLog
{
    public static async Task<IReadOnlyList<RecordedEvent>> AppendAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, CaptureBatch batch, CancellationToken ct)
    {
        if (batch.Events.Count == 0)
        {
            return [];
        }

        long first;
        DateTimeOffset recordedAt;
        await using (var reserve = new NpgsqlCommand(
            "update log_head set seq = seq + @n where id = 1 returning seq - @n + 1, now()", conn, tx))
        {
            reserve.Parameters.AddWithValue("n", (long)batch.Events.Count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException("The store has no log_head row: is it migrated?");
            }

            first = reader.GetInt64(0);
            recordedAt = reader.GetFieldValue<DateTimeOffset>(1);
        }

        var snapshotAt = batch.SourceSnapshotAt.ToUniversalTime();
        var recorded = new List<RecordedEvent>(batch.Events.Count);
        await using (var import = await conn.BeginBinaryImportAsync("""
            copy events (seq, type, source_table, source_key, data, source_snapshot_at, recorded_at)
            from stdin (format binary)
            """, ct))
        {
            var seq = first;
            foreach (var captured in batch.Events)
            {
                var e = new RecordedEvent(seq, captured.SourceTable, captured.SourceKey, snapshotAt, recordedAt, captured.Event);
                await import.StartRowAsync(ct);
                await import.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(EventSerializer.TypeName(captured.Event), NpgsqlDbType.Text, ct);
                await import.WriteAsync(captured.SourceTable, NpgsqlDbType.Text, ct);
                await import.WriteAsync(captured.SourceKey, NpgsqlDbType.Text, ct);
                await import.WriteAsync(EventSerializer.Serialize(captured.Event), NpgsqlDbType.Jsonb, ct);
                await import.WriteAsync(snapshotAt, NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                recorded.Add(e);
                seq++;
            }

            await import.CompleteAsync(ct);
        }

        return recorded;
    }
}
