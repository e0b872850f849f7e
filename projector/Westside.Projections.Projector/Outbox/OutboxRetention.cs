using Npgsql;
using NpgsqlTypes;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// Keeps outbox_samples small: raw samples older than RawRetention become 5-minute points (the maxima
// of each 5 minutes, per event type) and are deleted, in one statement; points older than
// PointRetention are deleted, and so are reconstructed points (OutboxHistory) of that age. The raw
// cutoff is aligned to the 5-minute grid, so every point is made from all of its raw samples at once. Error lists and percentiles other than the hour's p95 and max
// are not kept in points: the 7-day chart needs counts and ages.
public static class OutboxRetention
{
    public sealed record Result(int RawFolded, int PointsWritten, int PointsExpired);

    private static readonly TimeSpan Grid = TimeSpan.FromMinutes(5);

    public static async Task<Result> RunAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, DateTime at, OutboxSamplerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var cmd = new NpgsqlCommand("""
            with folded as (
                delete from outbox_samples
                where resolution = @raw and sampled_at < date_bin(@grid, @rawCutoff, timestamptz '2000-01-01 00:00:00+00')
                returning event_type, sampled_at, data
            ), points as (
                insert into outbox_samples (sampled_at, resolution, event_type, data)
                select date_bin(@grid, sampled_at, timestamptz '2000-01-01 00:00:00+00'), @point, event_type,
                       jsonb_build_object(
                           'pending', max((data->>'pending')::integer),
                           'oldestPendingAgeSeconds', max(coalesce((data->>'oldestPendingAgeSeconds')::float8, 0)),
                           'retrying', max((data->>'retrying')::integer),
                           'failed', max((data->>'failed')::integer),
                           'latencyHourP95Seconds', max((data->'latencyHour'->>'p95Seconds')::float8),
                           'latencyHourMaxSeconds', max((data->'latencyHour'->>'maxSeconds')::float8),
                           'samples', count(*))
                from folded
                group by 1, 3
                -- Only if raw samples arrive for an already folded bucket (a clock set back): keep the maxima.
                on conflict (resolution, event_type, sampled_at) do update set data = jsonb_build_object(
                    'pending', greatest((outbox_samples.data->>'pending')::integer, (excluded.data->>'pending')::integer),
                    'oldestPendingAgeSeconds', greatest((outbox_samples.data->>'oldestPendingAgeSeconds')::float8,
                                                        (excluded.data->>'oldestPendingAgeSeconds')::float8),
                    'retrying', greatest((outbox_samples.data->>'retrying')::integer, (excluded.data->>'retrying')::integer),
                    'failed', greatest((outbox_samples.data->>'failed')::integer, (excluded.data->>'failed')::integer),
                    'latencyHourP95Seconds', greatest((outbox_samples.data->>'latencyHourP95Seconds')::float8,
                                                      (excluded.data->>'latencyHourP95Seconds')::float8),
                    'latencyHourMaxSeconds', greatest((outbox_samples.data->>'latencyHourMaxSeconds')::float8,
                                                      (excluded.data->>'latencyHourMaxSeconds')::float8),
                    'samples', (outbox_samples.data->>'samples')::integer + (excluded.data->>'samples')::integer)
                returning 1
            ), expired as (
                delete from outbox_samples where resolution in (@point, @reconstructed) and sampled_at < @pointCutoff
                returning 1
            )
            select (select count(*) from folded)::int, (select count(*) from points)::int, (select count(*) from expired)::int
            """, store, tx);
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("point", OutboxSampleResolution.FiveMinutes);
        cmd.Parameters.AddWithValue("reconstructed", OutboxSampleResolution.Reconstructed);
        cmd.Parameters.Add(new NpgsqlParameter("grid", NpgsqlDbType.Interval) { Value = Grid });
        cmd.Parameters.AddWithValue("rawCutoff", at - options.RawRetention);
        cmd.Parameters.AddWithValue("pointCutoff", at - options.PointRetention);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Result(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
