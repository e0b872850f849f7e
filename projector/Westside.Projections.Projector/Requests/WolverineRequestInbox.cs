using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Requests;
using Wolverine.Runtime;

namespace Westside.Projections.Projector.Requests;

// The request queue's listener runs only while this process leads (our advisory-lock election, not
// Wolverine's): every projector hosts Wolverine with its external listeners off, and the leader session
// starts the queue's listener when it leads and stops it before it lets go of the lock. Starting it also
// recovers the messages a previous leader had taken but not finished.
public sealed class WolverineRequestInbox(
    IWolverineRuntime runtime, CurrentLeader current, RequestSender sender, RequestStore store, ILogger<WolverineRequestInbox> logger)
    : IRequestInbox
{
    public async Task OpenAsync(LeaderSession session, CancellationToken ct)
    {
        current.Set(session);
        var sent = await sender.SendUnsentAsync(store.DataSource, ct);
        if (sent > 0)
        {
            Log.UnsentRequestsSent(logger, sent);
        }

        await runtime.Endpoints.StartListenerAsync(Endpoint(), ct);
    }

    public async Task CloseAsync()
    {
        await runtime.Endpoints.StopListenerAsync(Endpoint(), CancellationToken.None);
        current.Set(null);
    }

    private Wolverine.Configuration.Endpoint Endpoint() =>
        runtime.Endpoints.EndpointByName(RequestMessaging.Queue)
        ?? throw new InvalidOperationException($"Wolverine has no endpoint named {RequestMessaging.Queue}.");
}
