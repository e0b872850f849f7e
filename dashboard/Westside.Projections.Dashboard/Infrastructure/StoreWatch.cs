using System.Diagnostics;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Infrastructure.Errors;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Infrastructure;

// Watches the store a few times per poll interval (log head, live generations and checkpoints, heartbeat;
// one read) so that a page view needs no store round trip for either: the freshness badge is computed
// from the last read, and the data version (which changes with every projector commit, every batch of
// documents the daemon writes and every generation switch) keys the page cache. When the store cannot be read, the badge says so.
public sealed class StoreWatch(DocumentReader reader, IOptions<DashboardOptions> options, TimeProvider clock, ILogger<StoreWatch> logger)
    : BackgroundService
{
    private Snapshot? _last;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.PollIntervalMs / 4, 25, 250));

    // The data version pages are cached under, or null when the store has never been read.
    public async Task<string?> VersionAsync(CancellationToken ct) => (await CurrentAsync(ct)).Version;

    public async Task<FreshnessView> FreshnessAsync(CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (!snapshot.Reachable || snapshot.Heartbeat is not { } heartbeat)
        {
            return FreshnessView.StoreDown(clock.GetUtcNow(), options.Value.PollInterval);
        }

        // The store's clock at the read, moved on by the time since: one clock for "3 s ago".
        var view = FreshnessView.From(heartbeat, options.Value.PollInterval);
        return view with { Now = heartbeat.Now + Stopwatch.GetElapsedTime(snapshot.ReadAt) };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReadAsync(stoppingToken);
            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // The last read while it is recent; otherwise (the watcher is behind, or not started) a read now.
    private async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var last = Volatile.Read(ref _last);
        return last is not null && Stopwatch.GetElapsedTime(last.ReadAt) < Interval * 4 ? last : await ReadAsync(ct);
    }

    private async Task<Snapshot> ReadAsync(CancellationToken ct)
    {
        var previous = Volatile.Read(ref _last);
        Snapshot next;
        try
        {
            var status = await reader.StatusAsync(ct);
            // Checkpoints too: Marten's daemon writes the documents after the poll that moved the log head.
            var generations = string.Join(',', status.Projections.Select(p => $"{p.Name}:{p.LiveGeneration}@{p.Checkpoint}"));
            next = new Snapshot($"{status.LogHead}/{generations}", status.Heartbeat, Stopwatch.GetTimestamp(), true);
            if (previous is { Reachable: false })
            {
                Log.StoreBack(logger);
            }
        }
        catch (Exception e) when (StoreFailure.IsOutage(e) && !ct.IsCancellationRequested)
        {
            if (previous is not { Reachable: false })
            {
                Log.StoreLost(logger, e.GetType().Name);
            }

            // Cached pages of the last known version may still be served, under a red badge.
            next = new Snapshot(previous?.Version, previous?.Heartbeat, Stopwatch.GetTimestamp(), false);
        }

        Volatile.Write(ref _last, next);
        return next;
    }

    private sealed record Snapshot(string? Version, HeartbeatStatus? Heartbeat, long ReadAt, bool Reachable);
}
