using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Documents;

namespace Westside.Projections.Projector.Engine;

// When a leader builds its documents in bulk instead of letting Marten's daemon catch up. At 50,000
// players on 2 cores the daemon works through a gap at 3,000-5,000 events/s (it stores the documents one
// by one), while a bulk build folds the whole log and writes every document at about 25,000 events/s
// (docs/engine-on-marten.md): the bulk build wins once the gap is about a fifth of the log. A small gap
// is the daemon's, however large the log: below about 50,000 events (10-17 s of the daemon's work) a bulk
// build, which writes a second copy of every table, is not worth it.
public static class CatchUp
{
    public const int DefaultEvents = 50_000;

    public const string Requester = "projector:catch-up";

    public static bool IsWorthIt(long position, long head, int minEvents)
    {
        var behind = head - position;
        return minEvents > 0 && behind >= minEvents && behind * 5 >= head;
    }

    // The catch-up itself, run by the leader session in the background after a poll: once the daemon has
    // started, if every story is on Marten and the documents are still far behind `head`, a rebuild of all
    // to the head, recorded and audited as requested by projector:catch-up.
    public static async Task RunAsync(
        LeaderConnection leader, StoryRuntime stories, RebuildRequestHandler requests, int storyCount, int minEvents, long head,
        ILogger logger, CancellationToken ct)
    {
        await stories.ReadyAsync(ct);

        // Stories not on Marten yet: their start-up builds come first.
        if (stories.Versions.Count < storyCount)
        {
            return;
        }

        var position = await stories.PositionAsync(ct);
        if (!IsWorthIt(position, head, minEvents))
        {
            return;
        }

        Log.CatchingUp(logger, head - position, head);
        long id;
        using (await leader.LockAsync(ct))
        {
            id = await RequestStatusTable.InsertOwnRebuildAsync(leader.Connection, RebuildRequest.All, Requester, ct);
        }

        try
        {
            var request = new RebuildRequest(id, RebuildRequest.Rebuild, RebuildRequest.All, Requester) { ToHead = true };
            await requests.ServeAsync(request, 1, 1, ct);
        }
        catch (RequestFailedException)
        {
            // Recorded as failed with its audit entry; the daemon carries on through the gap.
        }
    }
}
