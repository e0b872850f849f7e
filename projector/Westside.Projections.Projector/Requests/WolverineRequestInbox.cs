using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Requests;
using Wolverine.Runtime;

namespace Westside.Projections.Projector.Requests;

// The request queue's listener runs only while this process leads (Wolverine's election, LeaderAgent):
// every projector hosts Wolverine with its external listeners off, and the leader session starts the
// queue's listener when it leads and stops it before it lets go of the leader lock. Starting it also
// recovers the messages a previous leader had taken but not finished. Before it listens it sends the
// requests recorded without a message, once: those migration 0008 carried over from the old queue, and
// those a dashboard from before the dashboard sent its own messages recorded (every sender now commits
// its message with its status row: RequestSender).
// `projector run` starts its services concurrently, so a leader may have folded the log before Wolverine
// has started: the listener waits for the host to have started.
public sealed class WolverineRequestInbox(
    IWolverineRuntime runtime, IHostApplicationLifetime lifetime, CurrentLeader current, RequestSender sender, RequestStore store,
    ILogger<WolverineRequestInbox> logger)
    : IRequestInbox
{
    public async Task OpenAsync(LeaderSession session, CancellationToken ct)
    {
        await HostStartedAsync(ct);
        current.Set(session);
        await SendRecordedAsync(ct);
        await runtime.Endpoints.StartListenerAsync(Endpoint(), ct);
    }

    public async Task CloseAsync()
    {
        await runtime.Endpoints.StopListenerAsync(Endpoint(), CancellationToken.None);
        current.Set(null);
    }

    private async Task SendRecordedAsync(CancellationToken ct)
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
