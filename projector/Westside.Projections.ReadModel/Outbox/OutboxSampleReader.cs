using Npgsql;
using NpgsqlTypes;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.ReadModel.Outbox;

// Reads the outbox time series the projector writes (outbox_samples): the latest sampling, and
// chart series. For the dashboard's Outbox page, Today and /healthz; never touches the source.
public sealed class OutboxSampleReader(NpgsqlDataSource store)
{
    public static TimeSpan DayBucket { get; } = TimeSpan.FromMinutes(5);
    public static TimeSpan WeekBucket { get; } = TimeSpan.FromMinutes(30);

    // The rows of the latest sampling (every sampling writes the "*" row, so its latest time is the
    // sampling's), or null before the first one.
    public async Task<OutboxSnapshot?> LatestAsync(CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            select data::text
            from outbox_samples
            where resolution = @raw
              and sampled_at = (select max(sampled_at) from outbox_samples where resolution = @raw and event_type = @all)
            order by event_type
            """);
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("all", OutboxSample.AllTypes);
        var samples = new List<OutboxSample>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                samples.Add(DocumentJson.Deserialize<OutboxSample>(reader.GetString(0)));
            }
        }

        var total = samples.Find(s => s.IsTotal);
        return total is null ? null : new OutboxSnapshot(total.SampledAt, total, samples.Where(s => !s.IsTotal).ToList());
    }

    // The last 24 hours from raw samples, in 5-minute buckets.
    public Task<IReadOnlyList<OutboxSeriesPoint>> LastDayAsync(string eventType, DateTimeOffset now, CancellationToken ct) =>
        SeriesAsync(eventType, now - TimeSpan.FromDays(1), now, DayBucket, ct);

    // The last 7 days from 5-minute points, raw samples and reconstructed points, in 30-minute buckets.
    public Task<IReadOnlyList<OutboxSeriesPoint>> LastWeekAsync(string eventType, DateTimeOffset now, CancellationToken ct) =>
        SeriesAsync(eventType, now - TimeSpan.FromDays(7), now, WeekBucket, ct);

    // Maxima per bucket over every resolution (raw rows and 5-minute points never cover the same time:
    // maintenance turns raw rows into points and deletes them in one transaction; reconstructed points
    // only cover the time before the first sample). A bucket is reconstructed when all its rows are.
    // Buckets without any sample are absent, so a chart can show the gap.
    public async Task<IReadOnlyList<OutboxSeriesPoint>> SeriesAsync(
        string eventType, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            select date_bin(@bucket, sampled_at, timestamptz '2000-01-01 00:00:00+00') as at,
                   max((data->>'pending')::integer),
                   max(coalesce((data->>'oldestPendingAgeSeconds')::float8, 0)),
                   coalesce(max((data->>'failed')::integer), 0),
                   bool_and(resolution = @reconstructed)
            from outbox_samples
            where resolution = any(@resolutions) and event_type = @type and sampled_at >= @from and sampled_at <= @to
            group by 1
            order by 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter("bucket", NpgsqlDbType.Interval) { Value = bucket });
        cmd.Parameters.AddWithValue("resolutions", new[] { OutboxSampleResolution.Raw, OutboxSampleResolution.FiveMinutes, OutboxSampleResolution.Reconstructed });
        cmd.Parameters.AddWithValue("reconstructed", OutboxSampleResolution.Reconstructed);
        cmd.Parameters.AddWithValue("type", eventType);
        cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
        cmd.Parameters.AddWithValue("to", to.ToUniversalTime());
        var points = new List<OutboxSeriesPoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            points.Add(new OutboxSeriesPoint(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetInt32(1), reader.GetDouble(2), reader.GetInt32(3), reader.GetBoolean(4)));
        }

        return points;
    }
}
