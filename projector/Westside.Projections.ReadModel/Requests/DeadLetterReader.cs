using Npgsql;

namespace Westside.Projections.ReadModel.Requests;

// Reads Wolverine's dead letters in the store (the projector creates the table at start-up; before it
// has, there are none to show).
public sealed class DeadLetterReader(NpgsqlDataSource store)
{
    private const string Table = $"{RequestMessaging.EnvelopeSchema}.wolverine_dead_letters";

    public async Task<IReadOnlyList<DeadLetter>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{Table}') is not null", conn))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return [];
            }
        }

        await using var cmd = new NpgsqlCommand($"""
            select id, message_type, exception_type, exception_message, sent_at
            from {Table} order by sent_at desc nulls last, id limit @limit
            """, conn);
        cmd.Parameters.AddWithValue("limit", limit);
        var letters = new List<DeadLetter>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var type = r.GetString(1);
            letters.Add(new DeadLetter(
                r.GetGuid(0),
                type[(type.LastIndexOf('.') + 1)..],
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)));
        }

        return letters;
    }
}
