using Npgsql;

namespace Westside.Projections.Dashboard.Tests.Support;

// Moves the store's log head without a projector: a copy of the last event, appended straight to Marten's
// event table and recorded `age` ago. No daemon projects it (only for stores thrown away after the test).
public static class UnprojectedEvent
{
    public static async Task AppendAsync(string store, TimeSpan age)
    {
        await using var conn = new NpgsqlConnection(store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers)
            select nextval('mt_events_sequence'), gen_random_uuid(), stream_id, version + 1000000, data, type, now() - @age,
                   tenant_id, mt_dotnet_type, headers
            from mt_events order by seq_id desc limit 1
            """, conn);
        cmd.Parameters.AddWithValue("age", age);
        await cmd.ExecuteNonQueryAsync();
    }
}
