using Npgsql;

namespace Westside.Projections.ReadModel.Store;

// The daemon's progress read with SQL, for readers without Marten (the dashboard): Marten's
// mt_event_progression rows of the shards (their ":All" rows), its high-water mark, and for each shard
// the timestamp of the first event past its position, one index seek each. Empty before any daemon ran.
public static class ShardProgressReader
{
    public static async Task<IReadOnlyList<ShardFreshness>> ReadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass('mt_event_progression') is not null", conn))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return [];
            }
        }

        await using var cmd = new NpgsqlCommand($"""
            select p.name, coalesce(p.last_seq_id, 0), coalesce(h.last_seq_id, 0),
                   (select e.timestamp from {EventStreams.EventsTable} e
                     where e.seq_id > coalesce(p.last_seq_id, 0) and e.is_archived = false
                     order by e.seq_id limit 1)
            from mt_event_progression p
            left join mt_event_progression h on h.name = 'HighWaterMark'
            where p.name like '%:All'
            order by p.name collate "C"
            """, conn);
        var shards = new List<ShardFreshness>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            shards.Add(new ShardFreshness(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return shards;
    }
}
