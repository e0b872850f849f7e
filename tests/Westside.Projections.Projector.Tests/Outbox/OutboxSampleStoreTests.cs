using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxSampleStoreTests : IAsyncLifetime
{
    private readonly OutboxLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private Task<long> TotalsAsync() => _lab.StoreCountAsync("resolution = 'raw' and event_type = '*'");

    [Fact]
    public async Task Raw_samples_are_written_at_most_every_15_seconds_unless_the_state_changes_materially()
    {
        var logs = new ListLogger();
        var sampler = OutboxLab.Sampler(OutboxSamplerOptions.Default, logs);

        Assert.True((await _lab.SampleAsync(sampler)).Written);
        Assert.False((await _lab.SampleAsync(sampler)).Written);
        Assert.Equal(1, await TotalsAsync());

        // Pending goes from none to some: on record at once.
        await _lab.SourceExecAsync("insert into outbox (event_type, aggregate_id, status, attempts, created_at) values ('contract_signed', 1, 'pending', 0, now())");
        Assert.True((await _lab.SampleAsync(sampler)).Written);

        // More pending rows alone are not material (a burst writes every 15 s, not every poll).
        await _lab.SourceExecAsync("insert into outbox (event_type, aggregate_id, status, attempts, created_at) values ('contract_signed', 2, 'pending', 0, now())");
        Assert.False((await _lab.SampleAsync(sampler)).Written);

        // A failure is.
        await _lab.SourceExecAsync("update outbox set status = 'failed', attempts = 5, last_error = 'x' where aggregate_id = 2");
        Assert.True((await _lab.SampleAsync(sampler)).Written);

        // So is the health state: the pending row turns 31 minutes old (Warning already, for the failure).
        await _lab.SourceExecAsync("update outbox set created_at = created_at - interval '31 minutes' where aggregate_id = 1");
        var stalled = await _lab.SampleAsync(sampler);
        Assert.True(stalled.Written);
        Assert.Equal(OutboxHealthState.Critical, stalled.Health.State);
        Assert.Equal(4, await TotalsAsync());
        Assert.Equal(3, await _lab.StoreCountAsync("resolution = 'raw' and event_type = 'contract_signed'")); // none while the outbox was empty

        // Health transitions are logged with counts, never error texts.
        Assert.Collection(
            logs.Messages.Where(m => m.Level == LogLevel.Warning).Select(m => m.Text),
            m => Assert.Matches("^Outbox health worsened from Ok to Warning: 1 pending, oldest [0-9] s, 1 failed$", m),
            m => Assert.Matches("^Outbox health worsened from Warning to Critical: 1 pending, oldest 18[67][0-9] s, 1 failed$", m));
    }

    [Fact]
    public async Task Maintenance_folds_raw_samples_older_than_48_hours_into_5_minute_maxima_and_expires_points_after_30_days()
    {
        var at = new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero);
        var bucket = at - TimeSpan.FromHours(50);
        var samples = new List<(DateTimeOffset At, OutboxSample Sample)>();
        foreach (var type in new[] { OutboxSample.AllTypes, "contract_signed" })
        {
            samples.Add((bucket.AddSeconds(60), OutboxSamples.Of(type, bucket.AddSeconds(60), 3, 100, p95Hour: 4)));
            samples.Add((bucket.AddSeconds(75), OutboxSamples.Of(type, bucket.AddSeconds(75), 7, 400, failed: 1, p95Hour: 9)));
            samples.Add((bucket.AddSeconds(90), OutboxSamples.Of(type, bucket.AddSeconds(90), 5, 200, p95Hour: 2)));
        }

        var recent = at - TimeSpan.FromHours(47);
        samples.Add((recent, OutboxSamples.Of(OutboxSample.AllTypes, recent, 1, 30)));
        await using (var store = await _lab.StoreData.OpenConnectionAsync())
        await using (var tx = await store.BeginTransactionAsync())
        {
            foreach (var (time, sample) in samples)
            {
                await OutboxSampleStore.WriteAsync(store, tx, time, [sample], CancellationToken.None);
            }

            await tx.CommitAsync();
        }

        await _lab.StoreExecAsync("""
            insert into outbox_samples (sampled_at, resolution, event_type, data) values
              (@old, '5m', '*', '{"pending": 9, "oldestPendingAgeSeconds": 9, "failed": 0}'),
              (@kept, '5m', '*', '{"pending": 2, "oldestPendingAgeSeconds": 60, "failed": 0}')
            """, ("old", (at - TimeSpan.FromDays(31)).UtcDateTime), ("kept", (at - TimeSpan.FromDays(6)).UtcDateTime));

        OutboxRetention.Result result;
        await using (var store = await _lab.StoreData.OpenConnectionAsync())
        await using (var tx = await store.BeginTransactionAsync())
        {
            result = await OutboxRetention.RunAsync(store, tx, at.UtcDateTime, OutboxSamplerOptions.Default, CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.Equal(new OutboxRetention.Result(6, 2, 1), result);
        Assert.Equal(1, await _lab.StoreCountAsync("resolution = 'raw'"));
        Assert.Equal(1, await _lab.StoreCountAsync($$"""
            resolution = '5m' and event_type = 'contract_signed' and sampled_at = '{{bucket.UtcDateTime:O}}'
            and data @> '{"pending": 7, "oldestPendingAgeSeconds": 400, "failed": 1, "latencyHourP95Seconds": 9, "latencyHourMaxSeconds": 10, "samples": 3}'
            """));

        var week = await _lab.Reader.LastWeekAsync(OutboxSample.AllTypes, at, CancellationToken.None);
        Assert.Equal(
            [
                (at - TimeSpan.FromDays(6), 2, 60.0, 0),
                (bucket, 7, 400.0, 1),
                (recent, 1, 30.0, 0),
            ],
            week.Select(p => (p.At, p.Pending, p.OldestPendingAgeSeconds, p.Failed)));
    }

    [Fact]
    public async Task The_sampler_runs_maintenance_at_most_once_a_minute()
    {
        var sampler = OutboxLab.Sampler();
        await _lab.SampleAsync(sampler);
        await _lab.StoreExecAsync("""
            insert into outbox_samples (sampled_at, resolution, event_type, data)
            values (now() - interval '49 hours', 'raw', '*', '{"pending": 1, "oldestPendingAgeSeconds": 5, "failed": 0}')
            """);

        await _lab.SampleAsync(sampler);
        Assert.Equal(1, await _lab.StoreCountAsync("sampled_at < now() - interval '48 hours'"));

        await _lab.SampleAsync(OutboxLab.Sampler());
        Assert.Equal(0, await _lab.StoreCountAsync("resolution = 'raw' and sampled_at < now() - interval '48 hours'"));
        Assert.Equal(1, await _lab.StoreCountAsync("resolution = '5m'"));
    }

    [Fact]
    public async Task The_reader_has_nothing_before_the_first_sampling_and_buckets_the_day_by_5_minutes()
    {
        Assert.Null(await _lab.Reader.LatestAsync(CancellationToken.None));

        var at = new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero);
        await using (var store = await _lab.StoreData.OpenConnectionAsync())
        await using (var tx = await store.BeginTransactionAsync())
        {
            foreach (var (minutesAgo, pending) in new[] { (25 * 60, 9), (62, 1), (61, 4), (58, 2), (3, 0) })
            {
                var time = at - TimeSpan.FromMinutes(minutesAgo);
                await OutboxSampleStore.WriteAsync(store, tx, time,
                    [OutboxSamples.Of(OutboxSample.AllTypes, time, pending, pending * 10.0), OutboxSamples.Of("contract_signed", time, pending, null)],
                    CancellationToken.None);
            }

            await tx.CommitAsync();
        }

        var day = await _lab.Reader.LastDayAsync(OutboxSample.AllTypes, at, CancellationToken.None);

        Assert.Equal(
            [(at.AddMinutes(-65), 4, 40.0), (at.AddMinutes(-60), 2, 20.0), (at.AddMinutes(-5), 0, 0.0)],
            day.Select(p => (p.At, p.Pending, p.OldestPendingAgeSeconds)));
        var latest = await _lab.Reader.LatestAsync(CancellationToken.None);
        Assert.Equal(at.AddMinutes(-3), latest!.SampledAt);
        Assert.Equal("contract_signed", Assert.Single(latest.ByType).EventType);
    }
}
