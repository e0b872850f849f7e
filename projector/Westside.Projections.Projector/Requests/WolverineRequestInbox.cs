using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Requests;
using Wolverine.Runtime;

namespace Westside.Projections.Projector.Requests;

// The request queue's listener runs only while this process leads (our advisory-lock election, not
// Wolverine's): every projector hosts Wolverine with its external listeners off, and the leader session
// starts the queue's listener when it leads and stops it before it lets go of the lock. Starting it also
// recovers the messages a previous leader had taken but not finished. While leading it relays requests
// recorded without a message (the dashboard's, and those carried over from the old queue) to the queue.
// `projector run` starts its services concurrently, so a leader may have folded the log before Wolverine
// has started: the listener waits for the host to have started.
public sealed class WolverineRequestInbox(
    IWolverineRuntime runtime, IHostApplicationLifetime lifetime, CurrentLeader current, RequestSender sender, RequestStore store,
    ILogger<WolverineRequestInbox> logger)
    : IRequestInbox
{
    private CancellationTokenSource? _relayStop;
    private Task? _relay;

    public async Task OpenAsync(LeaderSession session, CancellationToken ct)
    {
        await HostStartedAsync(ct);
        current.Set(session);
        await RelayAsync(ct);
        await runtime.Endpoints.StartListenerAsync(Endpoint(), ct);
        _relayStop = new CancellationTokenSource();
        var stop = _relayStop.Token;
        _relay = Task.Run(() => RelayLoopAsync(stop), CancellationToken.None);
    }

    public async Task CloseAsync()
    {
        if (_relayStop is not null)
        {
            await _relayStop.CancelAsync();
            await _relay!;
            _relayStop.Dispose();
            _relayStop = null;
        }

        await runtime.Endpoints.StopListenerAsync(Endpoint(), CancellationToken.None);
        current.Set(null);
    }

    private async Task RelayLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RequestPolicy.QueuePolling, ct);
                await RelayAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The store is failing: the leader session ends on its own; the next leader relays.
                Log.RelayFailed(logger, FailureText.Describe(e));
            }
        }
    }

    private async Task RelayAsync(CancellationToken ct)
    {
        var sent = await sender.SendUnsentAsync(store.DataSource, ct);
        if (sent > 0)
        {
            Log.UnsentRequestsSent(logger, sent);
        }
    }

    private async Task HostStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(ct);
        }
    }

    private Wolverine.Configuration.Endpoint Endpoint() =>
        runtime.Endpoints.EndpointByName(RequestMessaging.Queue)
        ?? throw new InvalidOperationException($"Wolverine has no endpoint named {RequestMessaging.Queue}.");
}
