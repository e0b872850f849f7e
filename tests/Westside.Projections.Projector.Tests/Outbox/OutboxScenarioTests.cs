using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

// The source outbox driven through what happens to basketball-api's worker, sampled after each step
// the way the projector does (one warm sampler across the steps, as in production), with the figures
// and health checked at every step, and the store's latest sampling read back as the dashboard does.
public sealed class OutboxScenarioTests : IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly OutboxLab _lab = new();
    private readonly OutboxSampler _sampler = OutboxLab.Sampler();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task Steady_processing_is_OK_with_exact_latency_percentiles_over_the_hour_and_the_day()
    {
        await _lab.SourceExecAsync("""
            -- the last hour: 20 rows, processed after 1..20 s
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', 100 + g, 'processed', 1, now() - g * interval '2 minutes',
                   now() - g * interval '2 minutes' + g * interval '1 second'
            from generate_series(1, 20) g;
            -- earlier today: 10 rows, processed after 101..110 s
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', 200 + g, 'processed', 1, now() - interval '5 hours' - g * interval '1 minute',
                   now() - interval '5 hours' - g * interval '1 minute' + (100 + g) * interval '1 second'
            from generate_series(1, 10) g;
            -- three days ago: outside both windows
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            values ('contract_signed', 300, 'processed', 4, now() - interval '3 days', now() - interval '3 days' + interval '3 hours');
            """);

        var first = await _lab.SampleAsync(_sampler);

        var total = first.Total;
        Assert.Equal((0, (double?)null, 0, 0), (total.Pending, total.OldestPendingAgeSeconds, total.Retrying, total.Failed));
        OutboxAssert.Latency(20, 10, 19, 20, total.LatencyHour);
        OutboxAssert.Latency(30, 15, 109, 110, total.LatencyDay);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(total.SampledAt, Hour), total.LatencyHour);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(total.SampledAt, Day), total.LatencyDay);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["1"] = 30 }, total.ProcessedAttemptsDay);
        Assert.Equal(OutboxHealthState.Ok, first.Health.State);
        Assert.Equal("OK — 0 pending, p95 19 s", first.Health.Headline);
        Assert.Equal(["*", "contract_signed"], first.Samples.Select(s => s.EventType));

        // The worker keeps up: a signing processed within seconds, another just written.
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            values ('contract_signed', 401, 'processed', 1, now() - interval '3 seconds', now() - interval '1 second'),
                   ('contract_signed', 402, 'pending', 0, now(), null);
            """);

        var second = await _lab.SampleAsync(_sampler);

        Assert.Equal(1, second.Total.Pending);
        await AssertOldestAgeAsync(second, 0);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(second.Total.SampledAt, Hour), second.Total.LatencyHour);
        Assert.Equal(21, second.Total.LatencyHour.Count);
        Assert.Equal("OK — 1 pending, p95 19 s", second.Health.Headline);
        Assert.Equal(402, Assert.Single(second.Total.OldestPending).AggregateId);

        var latest = await _lab.Reader.LatestAsync(CancellationToken.None);
        Assert.NotNull(latest);
        OutboxAssert.SameFigures(second.Total, latest.Total);
        OutboxAssert.SameFigures(second.Samples[1], Assert.Single(latest.ByType));
    }

    [Fact]
    public async Task A_stalled_worker_turns_ageing_pending_rows_from_OK_to_warning_to_critical_with_the_exact_age()
    {
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at)
            values ('contract_signed', 501, 'pending', 0, now() - interval '2 minutes');
            """);

        var young = await _lab.SampleAsync(_sampler);

        Assert.Equal(OutboxHealthState.Ok, young.Health.State);
        Assert.Equal("OK — 1 pending", young.Health.Headline);
        await AssertOldestAgeAsync(young, 120);

        // Four minutes pass and nothing is processed.
        await AgePendingAsync("4 minutes");
        var slow = await _lab.SampleAsync(_sampler);

        Assert.Equal(OutboxHealthState.Warning, slow.Health.State);
        Assert.Equal("1 pending, oldest 6 min — worker slow?", slow.Health.Headline);
        await AssertOldestAgeAsync(slow, 360);

        // Forty-one more minutes; another parent signed twelve minutes ago.
        await AgePendingAsync("41 minutes");
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at)
            values ('contract_signed', 502, 'pending', 1, now() - interval '12 minutes');
            """);
        var stalled = await _lab.SampleAsync(_sampler);

        var total = stalled.Total;
        Assert.Equal(OutboxHealthState.Critical, stalled.Health.State);
        Assert.Equal("2 pending, oldest 47 min — worker stalled?", stalled.Health.Headline);
        Assert.Equal(["oldest pending 47 min — worker stalled?"], stalled.Health.Reasons);
        Assert.Equal((2, 1, 0), (total.Pending, total.Retrying, total.Failed));
        await AssertOldestAgeAsync(stalled, 47 * 60);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["0"] = 1, ["1"] = 1 }, total.Attempts);
        Assert.Equal([501, 502], total.OldestPending.Select(r => r.AggregateId));

        var latest = await _lab.Reader.LatestAsync(CancellationToken.None);
        Assert.Equal(OutboxHealthState.Critical, OutboxHealth.Evaluate(latest!.Total, OutboxHealthOptions.Default).State);
        var series = await _lab.Reader.LastDayAsync(OutboxSample.AllTypes, total.SampledAt, CancellationToken.None);
        var point = Assert.Single(series);
        Assert.Equal((2, 0), (point.Pending, point.Failed));
        Assert.Equal(total.OldestPendingAgeSeconds!.Value, point.OldestPendingAgeSeconds, 6);
    }

    [Fact]
    public async Task A_burst_of_young_pending_rows_stays_OK_and_its_drain_shows_in_the_latency()
    {
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', g, 'processed', 1, now() - g * interval '3 minutes', now() - g * interval '3 minutes' + interval '2 seconds'
            from generate_series(1, 10) g;
            insert into outbox (event_type, aggregate_id, status, attempts, created_at)
            select 'contract_signed', 1000 + g, 'pending', 0, now() - g * interval '100 milliseconds'
            from generate_series(1, 300) g;
            """);

        var burst = await _lab.SampleAsync(_sampler);

        Assert.Equal(300, burst.Total.Pending);
        await AssertOldestAgeAsync(burst, 30);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["0"] = 300 }, burst.Total.Attempts);
        Assert.Equal(OutboxHealthState.Ok, burst.Health.State);
        Assert.Equal("OK — 300 pending, p95 2 s", burst.Health.Headline);

        await _lab.SourceExecAsync("""
            update outbox set status = 'processed', attempts = 1, processed_at = now()
            where id in (select id from outbox where status = 'pending' order by created_at limit 250);
            """);
        var draining = await _lab.SampleAsync(_sampler);

        Assert.Equal(50, draining.Total.Pending);
        await AssertOldestAgeAsync(draining, 5);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(draining.Total.SampledAt, Hour), draining.Total.LatencyHour);
        Assert.Equal(260, draining.Total.LatencyHour.Count);

        await _lab.SourceExecAsync("update outbox set status = 'processed', attempts = 1, processed_at = now() where status = 'pending'");
        var drained = await _lab.SampleAsync(_sampler);

        Assert.Equal((0, (double?)null), (drained.Total.Pending, drained.Total.OldestPendingAgeSeconds));
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(drained.Total.SampledAt, Hour), drained.Total.LatencyHour);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(drained.Total.SampledAt, Day), drained.Total.LatencyDay);
        Assert.Equal(310, drained.Total.LatencyDay.Count);
        Assert.Equal(OutboxHealthState.Ok, drained.Health.State);
    }

    [Fact]
    public async Task Failures_with_retries_warn_and_list_their_errors_scrubbed_per_event_type()
    {
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at, processed_at) values
              ('contract_signed', 601, 'pending', 2, 'SMTP 451 temporary failure for Jane Doe <jane.doe@example.com>', now() - interval '3 minutes', null),
              ('contract_signed', 602, 'failed', 5, 'GroupMe 500 posting https://groupme.com/join_group/123/abc for +1 555 123 4567', now() - interval '2 hours', null),
              ('roster_exported', 9, 'failed', 7, 'roster export: Drive quota exceeded', now() - interval '20 minutes', null),
              ('contract_signed', 603, 'processed', 1, null, now() - interval '10 minutes', now() - interval '10 minutes' + interval '4 seconds'),
              ('contract_signed', 604, 'processed', 3, 'SMTP 421 try later', now() - interval '30 minutes', now() - interval '20 minutes');
            """);

        var failing = await _lab.SampleAsync(_sampler);

        var total = failing.Total;
        Assert.Equal((1, 1, 2), (total.Pending, total.Retrying, total.Failed));
        OutboxAssert.Attempts(new Dictionary<string, int> { ["2"] = 1, ["5+"] = 2 }, total.Attempts);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["1"] = 1, ["3"] = 1 }, total.ProcessedAttemptsDay);
        OutboxAssert.Latency(2, 4, 600, 600, total.LatencyHour);
        Assert.Equal(OutboxHealthState.Warning, failing.Health.State);
        Assert.Equal(["2 failed"], failing.Health.Reasons);
        Assert.Equal("2 failed, 1 pending", failing.Health.Headline);
        Assert.Equal(
            [
                ("roster_exported", 9, "failed", 7, "roster export: Drive quota exceeded"),
                ("contract_signed", 602, "failed", 5, "GroupMe 500 posting [url] for [phone]"),
                ("contract_signed", 601, "pending", 2, "SMTP 451 temporary failure for [email]"),
            ],
            total.Errors.Select(e => (e.EventType, e.AggregateId, e.Status, e.Attempts, e.Error)));

        var signed = failing.Samples.Single(s => s.EventType == "contract_signed");
        var roster = failing.Samples.Single(s => s.EventType == "roster_exported");
        Assert.Equal((1, 1, 1), (signed.Pending, signed.Retrying, signed.Failed));
        Assert.Equal((0, 0, 1), (roster.Pending, roster.Retrying, roster.Failed));
        Assert.Equal(OutboxHealthState.Warning, OutboxHealth.Evaluate(roster, OutboxHealthOptions.Default).State);
        Assert.Empty(signed.Errors);

        // The retry succeeds on the third attempt.
        await _lab.SourceExecAsync("""
            update outbox set status = 'processed', attempts = 3, last_error = null, processed_at = now() where aggregate_id = 601;
            """);
        var retried = await _lab.SampleAsync(_sampler);

        Assert.Equal((0, 0, 2), (retried.Total.Pending, retried.Total.Retrying, retried.Total.Failed));
        OutboxAssert.Attempts(new Dictionary<string, int> { ["1"] = 1, ["3"] = 2 }, retried.Total.ProcessedAttemptsDay);
        Assert.Equal(OutboxHealthState.Warning, retried.Health.State);
        Assert.Equal(2, retried.Total.Errors.Count);

        // The phone as written, not its digits alone: "555" also turns up in the figures' fractional seconds.
        var stored = await _lab.StoreCountAsync(
            "data::text ilike any (array['%jane%', '%doe%', '%@%', '%555 123%', '%123 4567%', '%groupme.com%', '%join_group%'])");
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Recovery_after_a_stall_and_failures_returns_to_OK_and_counts_the_late_rows()
    {
        await _lab.SourceExecAsync("""
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at) values
              ('contract_signed', 701, 'pending', 0, null, now() - interval '47 minutes'),
              ('contract_signed', 702, 'pending', 0, null, now() - interval '30 minutes'),
              ('contract_signed', 703, 'pending', 0, null, now() - interval '10 minutes'),
              ('contract_signed', 704, 'failed', 5, 'connection refused', now() - interval '50 minutes');
            """);

        var stalled = await _lab.SampleAsync(_sampler);

        Assert.Equal(OutboxHealthState.Critical, stalled.Health.State);
        Assert.Equal("3 pending, oldest 47 min — worker stalled? · 1 failed", stalled.Health.Headline);

        // The worker is restarted and the failed row re-queued.
        await _lab.SourceExecAsync("update outbox set status = 'pending' where status = 'failed'");
        var requeued = await _lab.SampleAsync(_sampler);

        Assert.Equal((4, 1, 0), (requeued.Total.Pending, requeued.Total.Retrying, requeued.Total.Failed));
        await AssertOldestAgeAsync(requeued, 50 * 60);
        Assert.Equal("4 pending, oldest 50 min — worker stalled?", requeued.Health.Headline);

        await _lab.SourceExecAsync("update outbox set status = 'processed', attempts = attempts + 1, processed_at = now() where status = 'pending'");
        var recovered = await _lab.SampleAsync(_sampler);

        var total = recovered.Total;
        Assert.Equal((0, 0, 0), (total.Pending, total.Retrying, total.Failed));
        Assert.Equal(OutboxHealthState.Ok, recovered.Health.State);
        OutboxAssert.Latency(await _lab.ExpectedLatencyAsync(total.SampledAt, Hour), total.LatencyHour);
        Assert.Equal(4, total.LatencyHour.Count);
        Assert.InRange(total.LatencyHour.MaxSeconds!.Value, 50 * 60, (50 * 60) + Pace);
        Assert.StartsWith("OK — 0 pending, p95 50 min", recovered.Health.Headline, StringComparison.Ordinal);
        OutboxAssert.Attempts(new Dictionary<string, int> { ["1"] = 3, ["5+"] = 1 }, total.ProcessedAttemptsDay);
    }

    // The test's own pace: seconds that may pass between writing a row "N minutes old" and sampling it
    // on a busy machine. Exactness is checked against the row itself (AssertOldestAgeAsync).
    private const double Pace = 5;

    // The oldest pending age is exactly snapshot time - created_at of the oldest pending row (to the
    // microsecond, checked to a millisecond), and the age the scenario set up.
    private async Task AssertOldestAgeAsync(OutboxSampling sampling, double nominalSeconds)
    {
        var created = await _lab.SourceScalarAsync<DateTime>("select min(created_at) from outbox where status = 'pending'");
        var exact = (sampling.Total.SampledAt.UtcDateTime - created).TotalSeconds;
        var sampled = sampling.Total.OldestPendingAgeSeconds!.Value;
        Assert.True(Math.Abs(exact - sampled) < 0.001, $"sampled {sampled} s, snapshot - created_at is {exact} s");
        Assert.InRange(sampled, nominalSeconds, nominalSeconds + Pace);
    }

    private Task AgePendingAsync(string interval) =>
        _lab.SourceExecAsync($"update outbox set created_at = created_at - interval '{interval}' where status = 'pending'");
}
