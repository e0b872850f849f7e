using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Store;

// Streams the event log in sequence order (one query, rows read as they arrive), deserialising each
// event with EventSerializer. Used to fold ClubState at start-up, by rebuilds, and by readers of the
// timeline ("what changed since yesterday").
public static class EventLogReader
{
    // Events with after < seq <= upTo, in order.
    public static async IAsyncEnumerable<RecordedEvent> ReadAsync(
        NpgsqlConnection conn, long after, long upTo, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select seq, type, source_table, source_key, data, source_snapshot_at, recorded_at
            from events where seq > @after and seq <= @upTo order by seq
            """, conn);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    public static async Task<long> HeadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select seq from log_head where id = 1", conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static RecordedEvent Read(NpgsqlDataReader r)
    {
        var seq = r.GetInt64(0);
        var type = r.GetString(1);
        var table = r.GetString(2);
        var key = r.GetString(3);
        var data = r.GetString(4);
        var snapshotAt = r.GetFieldValue<DateTimeOffset>(5);
        var recordedAt = r.GetFieldValue<DateTimeOffset>(6);
        return new RecordedEvent(seq, table, key, snapshotAt, recordedAt, EventSerializer.Deserialize(type, data));
    }
}
