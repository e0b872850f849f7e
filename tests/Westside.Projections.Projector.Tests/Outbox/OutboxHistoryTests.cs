using Npgsql;
using NpgsqlTypes;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

// A new installation over a source whose outbox already holds a week of rows: the first sampling
// reconstructs the pending count and oldest pending age from the rows' timestamps, and the charts'
// series have a point in every bucket of the week, marked reconstructed and equal to a plain SQL
// count at that instant; from the first sample on, the series are observed.
public sealed class OutboxHistoryTests : IAsyncLifetime
{
    private static readonly OutboxSamplerOptions WithHistory = OutboxLab.EveryPoll with { HistoryWindow = TimeSpan.FromDays(7) };

    private readonly OutboxLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    // Eight days of basketball-api's worker: a row every 20 minutes (two event types), processed after
    // 0 to 78 minutes, a stall on day 3 (rows created in those 5 hours wait until it ends), the last
    // hour still pending, failed rows, and bad data: processed before created, processed without a time.
    public static readonly string WeekOfRows = """
        insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
        select case when g % 3 = 0 then 'parent_invited' else 'contract_signed' end, g, 'processed', 1,
               now() - g * interval '20 minutes',
               case when g between 200 and 215 then now() - 199 * interval '20 minutes'
                    else now() - g * interval '20 minutes' + (g % 7) * interval '13 minutes' end
        from generate_series(4, 8 * 72) g;
        insert into outbox (event_type, aggregate_id, status, attempts, created_at)
        select 'contract_signed', g, 'pending', 0, now() - g * interval '20 minutes' + interval '5 minutes'
        from generate_series(1, 3) g;
        insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at) values
          ('contract_signed', 9001, 'failed', 5, 'SMTP 550', now() - interval '2 days'),
          ('contract_signed', 9002, 'failed', 5, 'SMTP 550', now() - interval '5 days');
        insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at) values
          ('contract_signed', 9003, 'processed', 1, now() - interval '3 days', now() - interval '4 days'),
          ('contract_signed', 9004, 'processed', 1, now() - interval '6 days', null);
        """;

    [Fact]
    public async Task A_fresh_store_gets_a_week_of_reconstructed_points_equal_to_a_plain_count_at_each_instant()
    {
        await _lab.SourceExecAsync(WeekOfRows);
        var sampler = OutboxLab.Sampler(WithHistory);

        var at = (await _lab.SampleAsync(sampler)).Total.SampledAt;

        var week = await _lab.Reader.LastWeekAsync(OutboxSample.AllTypes, at, CancellationToken.None);
        // Buckets that end before the last day (whose instants are every 5 minutes) have one instant each.
        var older = week.Where(p => p.At + OutboxSampleReader.WeekBucket <= at - TimeSpan.FromDays(1)).ToList();
        Assert.InRange(older.Count, (6 * 48) - 2, 6 * 48);
        Assert.All(older, p => Assert.True(p.Reconstructed, $"{p.At:O} is not marked reconstructed"));
        Assert.True(older[0].At <= at - TimeSpan.FromDays(7) + OutboxSampleReader.WeekBucket, $"the week starts at {older[0].At:O}");
        Assert.All(older.Zip(older.Skip(1)), pair => Assert.Equal(OutboxSampleReader.WeekBucket, pair.Second.At - pair.First.At));
        // The point is that instant's count.
        var expected = await PlainCountAsync(older.Select(p => p.At).ToList(), null);
        Assert.Equal(expected, older.Select(p => (p.At, p.Pending, Math.Round(p.OldestPendingAgeSeconds, 3))));
        Assert.Contains(older, p => p.Pending >= 10); // the stall is in the history
        Assert.Contains(older, p => p.Pending == 0);

        // The last day, in the 24-hour chart's 5-minute buckets: every bucket until the first sample.
        var day = await _lab.Reader.LastDayAsync(OutboxSample.AllTypes, at, CancellationToken.None);
        var estimated = day.Where(p => p.Reconstructed).ToList();
        Assert.InRange(estimated.Count, 286, 288);
        Assert.Equal(
            await PlainCountAsync(estimated.Select(p => p.At).ToList(), null),
            estimated.Select(p => (p.At, p.Pending, Math.Round(p.OldestPendingAgeSeconds, 3))));
        Assert.False(day[^1].Reconstructed);

        // Per event type too.
        var invited = (await _lab.Reader.LastWeekAsync("parent_invited", at, CancellationToken.None))
            .Where(p => p.At + OutboxSampleReader.WeekBucket <= at - TimeSpan.FromDays(1)).ToList();
        var invitedExpected = (await PlainCountAsync(older.Select(p => p.At).ToList(), "parent_invited")).Where(e => e.Pending > 0).ToList();
        Assert.NotEmpty(invitedExpected);
        Assert.Equal(invitedExpected, invited.Select(p => (p.At, p.Pending, Math.Round(p.OldestPendingAgeSeconds, 3))));
    }

    [Fact]
    public async Task Reconstruction_happens_once_and_only_before_the_first_observed_sample()
    {
        await _lab.SourceExecAsync(WeekOfRows);
        var sampler = OutboxLab.Sampler(WithHistory);
        var first = (await _lab.SampleAsync(sampler)).Total.SampledAt;
        var reconstructed = await _lab.StoreCountAsync("resolution = 'reconstructed'");

        await _lab.SampleAsync(sampler);
        await _lab.SampleAsync(OutboxLab.Sampler(WithHistory)); // a restarted projector

        Assert.Equal(reconstructed, await _lab.StoreCountAsync("resolution = 'reconstructed'"));
        Assert.Equal(0, await _lab.StoreCountAsync($"resolution = 'reconstructed' and sampled_at >= '{first.UtcDateTime:O}'"));
        Assert.Equal(0, await _lab.StoreCountAsync("resolution = 'reconstructed' and data ? 'failed'"));
    }

    [Fact]
    public async Task A_store_with_two_days_of_samples_is_completed_back_to_a_week_and_no_further()
    {
        await _lab.SourceExecAsync(WeekOfRows);
        await _lab.StoreExecAsync("""
            insert into outbox_samples (sampled_at, resolution, event_type, data)
            values (now() - interval '2 days', '5m', '*', '{"pending": 40, "oldestPendingAgeSeconds": 60, "failed": 0}')
            """);

        var at = (await _lab.SampleAsync(OutboxLab.Sampler(WithHistory))).Total.SampledAt;

        var week = await _lab.Reader.LastWeekAsync(OutboxSample.AllTypes, at, CancellationToken.None);
        var observed = week.Single(p => !p.Reconstructed && p.At < at - TimeSpan.FromDays(1));
        Assert.Equal(40, observed.Pending);
        Assert.All(week.Where(p => p.At < observed.At), p => Assert.True(p.Reconstructed));
        Assert.DoesNotContain(week, p => p.At > observed.At && p.Reconstructed);
        Assert.Equal(0, await _lab.StoreCountAsync("resolution = 'reconstructed' and sampled_at < now() - interval '7 days 30 minutes'"));
    }

    // The definition, written independently of the projector's query: at instant t a row was pending when
    // it had been created and was still pending, or was processed later than t.
    private async Task<List<(DateTimeOffset At, int Pending, double OldestAge)>> PlainCountAsync(List<DateTimeOffset> instants, string? eventType)
    {
        await using var conn = new NpgsqlConnection(_lab.SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select t,
                   (select count(*) from outbox o where o.created_at <= t and (@type::text is null or o.event_type = @type::text)
                      and (o.status = 'pending' or (o.status = 'processed' and o.processed_at > t)))::int,
                   coalesce((select extract(epoch from t - min(o.created_at)) from outbox o
                             where o.created_at <= t and (@type::text is null or o.event_type = @type::text)
                               and (o.status = 'pending' or (o.status = 'processed' and o.processed_at > t))), 0)::float8
            from unnest(@instants) as t
            order by t
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter("instants", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = instants.Select(i => i.UtcDateTime).ToArray(),
        });
        cmd.Parameters.AddWithValue("type", (object?)eventType ?? DBNull.Value);
        var rows = new List<(DateTimeOffset, int, double)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetInt32(1), Math.Round(reader.GetDouble(2), 3)));
        }

        return rows;
    }
}
