using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

// Serves requests for the leader session, one at a time, beside the poll loop: resyncs run as a resync
// poll, rebuilds as a replay into a new generation. They come from Wolverine's queue (Requests/) or from
// the leader's own start-up. A failure is recorded and thrown, so that Wolverine retries the message and
// dead-letters it after its last attempt; only then is the request failed and audited. A request that
// can never succeed (an unknown projection) is failed at once, without a retry.
public sealed class RebuildRequestHandler(
    LeaderConnection leader, IReadOnlyList<IProjection> projections, Rebuilder rebuilder,
    Func<CancellationToken, Task<PollOutcome>> resyncPoll, ILogger logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task ServeAsync(RebuildRequest request, int attempt, int maxAttempts, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            using (await leader.LockAsync(ct))
            {
                if (!await RequestStatusTable.MarkRunningAsync(leader.Connection, request.Id, ct))
                {
                    return;
                }
            }

            var clock = Stopwatch.StartNew();
            var (error, detail) = request.Kind == RebuildRequest.Resync
                ? await ResyncAsync(request, ct)
                : await RebuildAsync(request, clock, ct);
            if (error is null || error == UnknownProjection)
            {
                await FinishAsync(request, error, detail);
                return;
            }

            Log.RequestAttemptFailed(logger, request.Id, attempt, maxAttempts, error);
            if (attempt >= maxAttempts)
            {
                await FinishAsync(request, error, detail);
            }
            else
            {
                using (await leader.LockAsync(ct))
                {
                    await RequestStatusTable.MarkRetryingAsync(leader.Connection, request.Id, error, ct);
                }
            }

            throw new RequestFailedException(request.Id, error);
        }
        finally
        {
            _one.Release();
        }
    }

    private const string UnknownProjection = "unknown projection";

    private async Task<(string? Error, object Detail)> ResyncAsync(RebuildRequest request, CancellationToken ct)
    {
        var outcome = await resyncPoll(ct);
        if (outcome.Ok)
        {
            Log.ResyncCompleted(logger, request.Id, outcome.Events);
        }

        return (outcome.Error, new
        {
            requestId = request.Id,
            events = outcome.Events,
            checkpoint = outcome.Head,
            durationMs = (long)outcome.Duration.TotalMilliseconds,
        });
    }

    private async Task<(string? Error, object Detail)> RebuildAsync(RebuildRequest request, Stopwatch clock, CancellationToken ct)
    {
        if (request.Projection != RebuildRequest.All && projections.All(p => p.Name != request.Projection))
        {
            Log.RequestRejected(logger, request.Id, UnknownProjection);
            return (UnknownProjection, new { requestId = request.Id, projection = request.Projection });
        }

        var targets = request.Projection == RebuildRequest.All
            ? projections
            : projections.Where(p => p.Name == request.Projection).ToList();
        RebuildResult? result = null;
        string? error = null;
        try
        {
            result = targets.Count > 0 ? await rebuilder.RebuildAsync(targets, request.RequestedBy, ct, request.ToHead) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = FailureText.Describe(e);
        }

        return (error, new
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
        });
    }

    // Not cancelled by the session's stop: the work is done (a rebuild has switched), so its outcome and
    // audit entry are written before the leader connection goes. A poll holding the gate ends at its own
    // cancellation, so this waits at most for one statement.
    private async Task FinishAsync(RebuildRequest request, string? error, object detail)
    {
        try
        {
            using (await leader.LockAsync(CancellationToken.None))
            {
                await RequestStatusTable.FinishAsync(leader.Connection, request, error, detail, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The leader connection is gone: the session ends at its next poll, the next leader sets the
            // request pending again and Wolverine redelivers its message.
            Log.RequestFinishFailed(logger, request.Id, FailureText.Describe(e));
            throw;
        }
    }
}
