using Npgsql;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

// The latency ledger re-reads only a few minutes of processed rows per poll; these tests hold it to
// the figures of a full recount (PostgreSQL's percentile_disc over the source) as the outbox changes.
public sealed class LatencyLedgerTests : IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly OutboxLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task A_warm_sampler_agrees_with_a_full_recount_at_every_step_of_a_busy_worker()
    {
        var warm = OutboxLab.Sampler();
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select case when g % 3 = 0 then 'roster_exported' else 'contract_signed' end, g, 'processed', 1 + g % 2,
                   now() - g * interval '7 minutes', now() - g * interval '7 minutes' + (g % 13) * interval '1 second'
            from generate_series(1, 300) g;
            """);

        for (var step = 0; step < 12; step++)
        {
            // New signings arrive; the worker takes some of the pending ones, fails one now and then,
            // and re-queues a failed one every third step.
            await _lab.SourceExecAsync($"""
                insert into outbox (event_type, aggregate_id, status, attempts, created_at)
                select 'contract_signed', 10000 + {step} * 10 + g, 'pending', 0, now() - g * interval '1 second'
                from generate_series(1, 4) g;
                update outbox set status = 'processed', attempts = attempts + 1, processed_at = now()
                where id in (select id from outbox where status = 'pending' order by created_at limit 3);
                update outbox set status = 'failed', attempts = 5, last_error = 'boom'
                where id in (select id from outbox where status = 'pending' order by created_at desc limit {step % 2});
                update outbox set status = 'pending'
                where id in (select id from outbox where status = 'failed' order by created_at limit {(step % 3 == 2 ? 1 : 0)});
                """);

            var warmSampling = await _lab.SampleAsync(warm);
            var fresh = await _lab.SampleAsync(OutboxLab.Sampler());

            foreach (var type in new[] { (string?)null, "contract_signed", "roster_exported" })
            {
                var sampled = warmSampling.Samples.Single(s => s.EventType == (type ?? OutboxSample.AllTypes));
                OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(sampled.SampledAt, Hour, type), sampled.LatencyHour);
                OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(sampled.SampledAt, Day, type), sampled.LatencyDay);
                var cold = fresh.Samples.Single(s => s.EventType == sampled.EventType);
                Assert.Equal(cold.ProcessedAttemptsDay, sampled.ProcessedAttemptsDay);
            }
        }
    }

    [Fact]
    public async Task A_failed_row_processed_without_passing_through_pending_is_counted_within_one_rotation()
    {
        var options = OutboxLab.EveryPoll with { RotationChunk = TimeSpan.FromHours(2) };
        var warm = OutboxLab.Sampler(options);
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at)
            values ('contract_signed', 801, 'failed', 5, 'boom', now() - interval '3 hours');
            """);
        await _lab.SampleAsync(warm);

        // Someone fixes the row by hand: failed -> processed, between two polls.
        await _lab.SourceExecAsync("update outbox set status = 'processed', processed_at = created_at + interval '3 hours' where aggregate_id = 801");

        // The rotation covers the day (and the slack) in 2-hour chunks: at most 14 polls.
        var polls = 0;
        OutboxSampling sampling;
        do
        {
            sampling = await _lab.SampleAsync(warm);
            polls++;
            Assert.True(sampling.Total.LatencyHour.Count <= 1, "counted twice");
        }
        while (sampling.Total.LatencyHour.Count == 0 && polls < 20);

        Assert.InRange(polls, 1, 14);
        Assert.Equal(3 * 3600, sampling.Total.LatencyHour.MaxSeconds!.Value, 6);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(1, (await _lab.SampleAsync(warm)).Total.LatencyHour.Count);
        }
    }

    [Fact]
    public async Task A_fresh_sampler_finds_rows_that_waited_longer_than_a_day_from_the_stored_history()
    {
        // Created three days ago, processed two hours ago: pending for almost three days.
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            values ('contract_signed', 901, 'processed', 9, now() - interval '3 days', now() - interval '2 hours');
            """);

        // Without history the sampler looks two days back only, and misses it.
        var blind = await _lab.SampleAsync(OutboxLab.Sampler());
        Assert.Equal(0, blind.Total.LatencyDay.Count);

        // A sampling 25 hours ago had recorded that row pending for 2.5 days.
        var then = blind.Total.SampledAt - TimeSpan.FromHours(25);
        await using (var store = await _lab.StoreData.OpenConnectionAsync())
        await using (var tx = await store.BeginTransactionAsync())
        {
            await OutboxSampleStore.WriteAsync(store, tx, then,
                [OutboxSamples.Of(OutboxSample.AllTypes, then, 1, TimeSpan.FromDays(2.5).TotalSeconds)], CancellationToken.None);
            await tx.CommitAsync();
        }

        var informed = await _lab.SampleAsync(OutboxLab.Sampler());

        Assert.Equal(1, informed.Total.LatencyDay.Count);
        Assert.Equal(TimeSpan.FromHours(70).TotalSeconds, informed.Total.LatencyDay.MaxSeconds!.Value, 3);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["5+"] = 1 }, informed.Total.ProcessedAttemptsDay);
    }

    [Fact]
    public async Task The_sampler_only_reads_the_source_inside_the_read_only_snapshot()
    {
        // The read-only role with a read-only transaction: a write anywhere in the sampler would fail here.
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at) values ('contract_signed', 1, 'pending', 0, now());
            """);

        var sampling = await _lab.SampleAsync(OutboxLab.Sampler());

        Assert.Equal(1, sampling.Total.Pending);
        await using var conn = new NpgsqlConnection(_lab.SourceReadOnly);
        await conn.OpenAsync();
        await using var write = new NpgsqlCommand("update outbox set attempts = 1", conn);
        await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
    }
}
