using Npgsql;
using NpgsqlTypes;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Outbox;

// The sampler's reads and writes of outbox_samples, in the poll's store transaction.
public static class OutboxSampleStore
{
    // The latest raw "*" sample: what the last written sampling said about the whole outbox.
    public static async Task<OutboxSample?> LatestTotalAsync(NpgsqlConnection store, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select data::text from outbox_samples
            where resolution = @raw and event_type = @all
            order by sampled_at desc
            limit 1
            """, store, tx);
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("all", OutboxSample.AllTypes);
        return await cmd.ExecuteScalarAsync(ct) is string json ? DocumentJson.Deserialize<OutboxSample>(json) : null;
    }

    // The oldest created_at a row pending at `at` can have, from the latest raw "*" sample at or
    // before it: that sample's time minus its oldest pending age (null without such a sample).
    public static async Task<DateTime?> PendingFloorAsync(NpgsqlConnection store, NpgsqlTransaction tx, DateTime at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select sampled_at - make_interval(secs => coalesce((data->>'oldestPendingAgeSeconds')::float8, 0))
            from outbox_samples
            where resolution = @raw and event_type = @all and sampled_at <= @at
            order by sampled_at desc
            limit 1
            """, store, tx);
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("all", OutboxSample.AllTypes);
        cmd.Parameters.AddWithValue("at", at);
        return await cmd.ExecuteScalarAsync(ct) is DateTime floor ? floor : null;
    }

    public static async Task WriteAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, DateTimeOffset sampledAt, IReadOnlyList<OutboxSample> samples, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into outbox_samples (sampled_at, resolution, event_type, data)
            select @at, @raw, t.event_type, t.data
            from unnest(@types, @data) as t(event_type, data)
            on conflict (resolution, event_type, sampled_at) do update set data = excluded.data
            """, store, tx);
        cmd.Parameters.AddWithValue("at", sampledAt.ToUniversalTime());
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("types", samples.Select(s => s.EventType).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = samples.Select(s => DocumentJson.Serialize(s)).ToArray(),
        });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
