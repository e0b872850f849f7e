using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// Samples basketball-api's outbox on every poll, inside the poll's read-only source snapshot, and
// records the result in the poll's store transaction (so samples and the capture cursor commit together).
//
// Per event type and in total ("*"): pending count, exact oldest pending age (snapshot time -
// created_at), retrying and failed counts, the attempts distribution, and processing latency p50/p95/max
// over the last hour and day (LatencyLedger); the total also lists the latest failed and retrying rows
// with scrubbed errors, and the oldest pending rows.
//
// Store: one raw sample row per event type (plus "*") at most every RawEvery (15 s), or sooner when the
// state changes materially: pending goes from none to some or back, the failed or retrying count
// changes, or the health state changes. At a 2 s poll that is ~5,800 rows a day per type instead of
// 43,200, and a stall or failure is on record within one poll. Once a minute, OutboxRetention folds
// raw samples older than 48 h into 5-minute points and drops points older than 30 days.
//
// History: until the stored samples reach back over HistoryWindow (a week, the longest chart), each
// sampling first fills the time before the earliest one from the source rows' timestamps (OutboxHistory),
// so a new installation's charts start full; the next sampling finds nothing left to fill.
public sealed class OutboxSampler(OutboxHealthOptions health, OutboxSamplerOptions options, ILogger<OutboxSampler> logger)
    : ISnapshotSampler
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly LatencyLedger _ledger = new(options);
    private DateTime _nextMaintenanceAt = DateTime.MinValue;
    private bool _historyComplete;
    private int _busy;

    public OutboxHealthOptions Health => health;

    // The one line for the poll loop: samplers: [OutboxSampler.FromEnvironment(loggerFactory)].
    // Reads OUTBOX_WARN_AFTER_SECONDS / OUTBOX_CRITICAL_AFTER_SECONDS; throws ConfigurationException naming a bad one.
    public static OutboxSampler FromEnvironment(ILoggerFactory loggerFactory, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new OutboxSampler(ReadHealthOptions(environment), OutboxSamplerOptions.Default, loggerFactory.CreateLogger<OutboxSampler>());
    }

    public static OutboxHealthOptions ReadHealthOptions(Func<string, string?>? environment = null)
    {
        try
        {
            return OutboxHealthOptions.FromEnvironment(environment);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    public async Task SampleAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction storeTransaction,
        DateTimeOffset snapshotAt, CancellationToken ct) =>
        await SampleOnceAsync(source, store, storeTransaction, snapshotAt, ct);

    // SampleAsync with its result, for tests and the benchmark. One poll loop calls it at a time.
    public async Task<OutboxSampling> SampleOnceAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction storeTransaction,
        DateTimeOffset snapshotAt, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("OutboxSampler is already sampling: one poll loop may use it at a time.");
        }

        try
        {
            var at = snapshotAt.UtcDateTime;
            var rebuild = _ledger.NeedsRebuild(at);
            var floor = rebuild ? await OutboxSampleStore.PendingFloorAsync(store, storeTransaction, at - Day, ct) : null;
            var scan = _ledger.Plan(at, floor);
            var started = Stopwatch.GetTimestamp();
            var reading = await OutboxSourceQueries.ReadAsync(source, scan, options, ct);
            var sourceTime = Stopwatch.GetElapsedTime(started);
            _ledger.Apply(scan, reading.Live, reading.Chunk, at, reading.OldestPendingCreatedAt);
            if (rebuild)
            {
                OutboxLog.LedgerRebuilt(logger, _ledger.Count, (long)sourceTime.TotalMilliseconds);
            }

            var samples = Compose(snapshotAt, reading);
            var total = samples[0];
            var report = OutboxHealth.Evaluate(total, health);
            var previous = await OutboxSampleStore.LatestTotalAsync(store, storeTransaction, ct);
            var previousState = previous is null ? (OutboxHealthState?)null : OutboxHealth.Evaluate(previous, health).State;
            var write = ShouldWrite(previous, previousState, total, report.State);
            if (!_historyComplete)
            {
                await ReconstructHistoryAsync(source, store, storeTransaction, at, ct);
            }

            if (write)
            {
                await OutboxSampleStore.WriteAsync(store, storeTransaction, snapshotAt, samples, ct);
                OutboxLog.SampleWritten(logger, samples.Count - 1, total.Pending, total.Failed);
                LogTransition(previousState ?? OutboxHealthState.Ok, report.State, total);
            }

            if (at >= _nextMaintenanceAt)
            {
                var result = await OutboxRetention.RunAsync(store, storeTransaction, at, options, ct);
                if (result.RawFolded + result.PointsExpired > 0)
                {
                    OutboxLog.Maintained(logger, result.RawFolded, result.PointsWritten, result.PointsExpired);
                }

                _nextMaintenanceAt = at + options.MaintenanceEvery;
            }

            return new OutboxSampling(samples, write, report, sourceTime, reading.Live.Count + (reading.Chunk?.Count ?? 0));
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    // Until the store's samples reach back over the whole HistoryWindow, fill the time before the
    // earliest one from the rows' timestamps (OutboxHistory). Checked again on the next sampling (this
    // store transaction may still roll back), which then finds nothing left to do.
    private async Task ReconstructHistoryAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction storeTransaction, DateTime at, CancellationToken ct)
    {
        var earliest = await OutboxHistory.EarliestSampleAsync(store, storeTransaction, ct);
        var instants = OutboxHistory.Instants(at, earliest, options.HistoryWindow);
        if (instants.Count == 0)
        {
            _historyComplete = true;
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var result = await OutboxHistory.ReconstructAsync(source, store, storeTransaction, instants, ct);
        OutboxLog.HistoryReconstructed(logger, result.Instants, result.Points, result.ProcessedWithoutValidTime, result.Failed,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private bool ShouldWrite(OutboxSample? previous, OutboxHealthState? previousState, OutboxSample total, OutboxHealthState state)
    {
        if (previous is null)
        {
            return true;
        }

        var elapsed = total.SampledAt - previous.SampledAt;
        return elapsed >= options.RawEvery || elapsed < TimeSpan.Zero
            || (previous.Pending > 0) != (total.Pending > 0)
            || previous.Failed != total.Failed
            || previous.Retrying != total.Retrying
            || previousState != state;
    }

    private void LogTransition(OutboxHealthState previous, OutboxHealthState current, OutboxSample total)
    {
        if (current > previous)
        {
            OutboxLog.HealthWorsened(logger, previous, current, total.Pending, total.OldestPendingAgeSeconds ?? 0, total.Failed);
        }
        else if (current < previous)
        {
            OutboxLog.HealthImproved(logger, previous, current, total.Pending, total.OldestPendingAgeSeconds ?? 0, total.Failed);
        }
    }

    // The "*" total first, then each event type that has pending or failed rows or was processed in the last day.
    private List<OutboxSample> Compose(DateTimeOffset sampledAt, OutboxSourceReading reading)
    {
        var at = sampledAt.UtcDateTime;
        var day = _ledger.ProcessedSince(at - Day).ToList();
        var samples = new List<OutboxSample>
        {
            Sample(OutboxSample.AllTypes, sampledAt, reading.Outstanding, day, reading.Errors, reading.OldestPending),
        };
        var types = reading.Outstanding.Select(o => o.EventType).Concat(day.Select(r => r.EventType))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var type in types)
        {
            samples.Add(Sample(type, sampledAt,
                reading.Outstanding.Where(o => o.EventType == type).ToList(),
                day.Where(r => r.EventType == type).ToList(), [], []));
        }

        return samples;
    }

    private static OutboxSample Sample(
        string eventType, DateTimeOffset sampledAt, IReadOnlyList<OutstandingRows> outstanding, List<ProcessedRow> day,
        IReadOnlyList<OutboxRowSample> errors, IReadOnlyList<OutboxRowSample> oldestPending)
    {
        var at = sampledAt.UtcDateTime;
        var oldest = outstanding.Select(o => o.OldestPendingCreatedAt).Where(c => c is not null).Min();
        var attempts = new int[OutboxAttempts.Labels.Count];
        foreach (var o in outstanding)
        {
            for (var i = 0; i < attempts.Length; i++)
            {
                attempts[i] += o.AttemptsByBucket[i];
            }
        }

        var processedAttempts = new int[OutboxAttempts.Labels.Count];
        var dayLatencies = new double[day.Count];
        var hourLatencies = new List<double>();
        for (var i = 0; i < day.Count; i++)
        {
            dayLatencies[i] = day[i].LatencySeconds;
            processedAttempts[OutboxAttempts.Bucket(day[i].Attempts)]++;
            if (day[i].ProcessedAt >= at - Hour)
            {
                hourLatencies.Add(day[i].LatencySeconds);
            }
        }

        return new OutboxSample(
            eventType,
            sampledAt,
            outstanding.Sum(o => o.Pending),
            oldest is { } created ? (at - created).TotalSeconds : null,
            outstanding.Sum(o => o.Retrying),
            outstanding.Sum(o => o.Failed),
            OutboxAttempts.Histogram(attempts),
            OutboxLatency.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hourLatencies)),
            OutboxLatency.Of(dayLatencies),
            OutboxAttempts.Histogram(processedAttempts),
            errors,
            oldestPending);
    }
}
