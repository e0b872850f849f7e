using System.Data;
using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Events;

// Carries a store built by the previous engine over to Marten's event store, on the first start of the
// new one: its `events` table (gapless seq from 1, numbered through `log_head`) is appended to Marten in
// seq order with the original recorded and snapshot times, checked to get the very same numbers (the
// projections' checkpoints and the documents' positions refer to them) and counted, and only then are
// `events` and `log_head` dropped. All in ONE transaction on the leader connection: a failure or a crash
// leaves the old log as it was, and the next start tries again.
public static class LegacyEventLogImport
{
    private const int Chunk = 10_000;

    // Returns the number of events imported, or null when the store has no old log.
    public static async Task<long?> RunAsync(IDocumentStore store, NpgsqlConnection conn, ILogger logger, CancellationToken ct)
    {
        if (!await ScalarAsync<bool>(conn, null, "select to_regclass('events') is not null and to_regclass('log_head') is not null", ct))
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await ExecAsync(conn, tx, "lock table events, log_head in exclusive mode", ct);
        var head = await ScalarAsync<long>(conn, tx, "select seq from log_head where id = 1", ct);
        var (count, min, max) = await RangeAsync(conn, tx, ct);
        if (count != head || (count > 0 && (min != 1 || max != head)))
        {
            throw new InvalidOperationException(
                $"The previous engine's event log is not gapless from 1 (count {count}, seq {min}..{max}, log_head {head}): refusing to import it.");
        }

        var martenEvents = await ScalarAsync<long>(conn, tx, $"select count(*) from {EventStreams.EventsTable}", ct);
        if (count > 0 && martenEvents > 0)
        {
            throw new InvalidOperationException(
                $"The store holds both the previous engine's event log ({count} events) and {martenEvents} events in Marten's event store: refusing to merge them. Restore the store from before the upgrade.");
        }

        if (count > 0)
        {
            // Numbers taken by an earlier, rolled-back attempt are not given back: start again from 1.
            await ExecAsync(conn, tx, "select setval('mt_events_sequence', 1, false)", ct);
            await ImportAsync(store, conn, tx, head, ct);
            var (imported, first, last) = await ImportedRangeAsync(conn, tx, ct);
            if (imported != count || first != 1 || last != head)
            {
                throw new InvalidOperationException(
                    $"The import into Marten's event store holds {imported} events (seq {first}..{last}), not {count} (seq 1..{head}): rolled back.");
            }
        }

        var streams = await ScalarAsync<long>(conn, tx, "select count(*) from mt_streams", ct);
        await ExecAsync(conn, tx, "drop table events; drop table log_head", ct);
        await tx.CommitAsync(ct);
        Log.LegacyLogImported(logger, count, head, streams, clock.ElapsedMilliseconds);
        return count;
    }

    private static async Task ImportAsync(IDocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx, long head, CancellationToken ct)
    {
        var position = 0L;
        while (position < head)
        {
            var chunk = await ReadChunkAsync(conn, tx, position, ct);
            var recorded = await EventAppender.AppendAsync(store, tx, chunk.Select(c => c.Event).ToList(), newStreams: false, ct);
            for (var i = 0; i < recorded.Count; i++)
            {
                if (recorded[i].Sequence != chunk[i].Seq)
                {
                    throw new InvalidOperationException(
                        $"Marten numbered old event {chunk[i].Seq} as {recorded[i].Sequence}: refusing to import (checkpoints refer to the old numbers).");
                }
            }

            position = chunk[^1].Seq;
        }
    }

    private static async Task<List<(long Seq, PendingEvent Event)>> ReadChunkAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long after, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select seq, type, source_table, source_key, data::text, source_snapshot_at, recorded_at
            from events where seq > @after order by seq limit @limit
            """, conn, tx);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("limit", Chunk);
        var rows = new List<(long, PendingEvent)>(Chunk);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var domainEvent = EventSerializer.Deserialize(reader.GetString(1), reader.GetString(4));
            rows.Add((reader.GetInt64(0), new PendingEvent(
                reader.GetString(2), reader.GetString(3), domainEvent,
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(5))));
        }

        return rows;
    }

    private static async Task<(long Count, long Min, long Max)> RangeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) from events", conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<(long Count, long Min, long Max)> ImportedRangeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select count(*), coalesce(min(seq_id), 0), coalesce(max(seq_id), 0) from {EventStreams.EventsTable}
            where type <> '{EventStreams.TombstoneType}'
            """, conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
