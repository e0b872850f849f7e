using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Westside.Projections.Projector.Engine;

// Serves the rebuild_requests queue for the leader session: resyncs run at once as a resync poll;
// rebuilds are claimed together and run as one background replay (at most one at a time) beside the
// poll loop. Every claimed request is finished with its outcome, or re-queued by the next leader.
public sealed class RebuildRequestHandler(
    LeaderConnection leader, LiveProjections live, Rebuilder rebuilder, Wakeup wakeup,
    Func<CancellationToken, Task<PollOutcome>> resyncPoll, ILogger logger)
{
    private Task? _rebuild;

    // The rebuild running in the background, if any; the session awaits it when it ends.
    public Task? Running => _rebuild;

    // Serve every pending request, waiting for each background rebuild, until none is left.
    public async Task DrainAsync(CancellationToken ct)
    {
        while (true)
        {
            await ProcessAsync(ct);
            if (_rebuild is { } running)
            {
                await running;
                _rebuild = null;
                continue;
            }

            using (await leader.LockAsync(ct))
            {
                if (!await RebuildRequestQueue.AnyPendingAsync(leader.Connection, ct))
                {
                    return;
                }
            }
        }
    }

    public async Task ProcessAsync(CancellationToken ct)
    {
        IReadOnlyList<RebuildRequest> resyncs;
        IReadOnlyList<RebuildRequest> rebuilds = [];
        using (await leader.LockAsync(ct))
        {
            var conn = leader.Connection;
            if (!await RebuildRequestQueue.AnyPendingAsync(conn, ct))
            {
                return;
            }

            resyncs = await RebuildRequestQueue.ClaimAsync(conn, RebuildRequest.Resync, ct);
            if (_rebuild is null || _rebuild.IsCompleted)
            {
                rebuilds = await RebuildRequestQueue.ClaimAsync(conn, RebuildRequest.Rebuild, ct);
            }
        }

        foreach (var request in resyncs)
        {
            await ResyncAsync(request, ct);
        }

        if (rebuilds.Count > 0)
        {
            _rebuild = Task.Run(() => RebuildAsync(rebuilds, ct), CancellationToken.None);
        }
    }

    private async Task ResyncAsync(RebuildRequest request, CancellationToken ct)
    {
        var outcome = await resyncPoll(ct);
        if (outcome.Ok)
        {
            Log.ResyncCompleted(logger, request.Id, outcome.Events);
        }

        await FinishAsync(request, outcome.Error, new
        {
            requestId = request.Id,
            events = outcome.Events,
            documents = outcome.Documents,
            checkpoint = outcome.Head,
            durationMs = (long)outcome.Duration.TotalMilliseconds,
        }, ct);
    }

    private async Task RebuildAsync(IReadOnlyList<RebuildRequest> requests, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var accepted = new List<RebuildRequest>();
            foreach (var request in requests)
            {
                if (request.Projection != RebuildRequest.All && live.Find(request.Projection) is null)
                {
                    Log.RequestRejected(logger, request.Id, "unknown projection");
                    await FinishAsync(request, "unknown projection", new { requestId = request.Id, projection = request.Projection }, ct);
                }
                else
                {
                    accepted.Add(request);
                }
            }

            if (accepted.Count == 0)
            {
                return;
            }

            // One replay serves every claimed request ("all" means every projection).
            var targets = accepted.Any(r => r.Projection == RebuildRequest.All)
                ? live.All
                : live.All.Where(p => accepted.Any(r => r.Projection == p.Name)).ToList();
            var requestedBy = string.Join(",", accepted.Select(r => r.RequestedBy).Distinct(StringComparer.Ordinal));
            RebuildResult? result = null;
            string? error = null;
            try
            {
                result = targets.Count > 0 ? await rebuilder.RebuildAsync(targets, requestedBy, ct) : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = FailureText.Describe(e);
            }

            foreach (var request in accepted)
            {
                await FinishAsync(request, error, new
                {
                    requestId = request.Id,
                    projection = request.Projection,
                    generations = result?.Generations,
                    events = result?.Events,
                    documents = result?.Documents,
                    checkpoint = result?.Checkpoint,
                    replayMs = (long?)result?.Replay.TotalMilliseconds,
                    writeMs = (long?)result?.Write.TotalMilliseconds,
                    durationMs = clock.ElapsedMilliseconds,
                }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The session is ending; the next leader re-queues the running requests.
        }
        finally
        {
            wakeup.Set();
        }
    }

    private async Task FinishAsync(RebuildRequest request, string? error, object detail, CancellationToken ct)
    {
        try
        {
            using (await leader.LockAsync(ct))
            {
                await RebuildRequestQueue.FinishAsync(leader.Connection, request, error, detail, ct);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The leader connection is gone: the session ends at its next poll and the next leader
            // re-queues this request.
            Log.RequestFinishFailed(logger, request.Id, FailureText.Describe(e));
        }
    }
}
