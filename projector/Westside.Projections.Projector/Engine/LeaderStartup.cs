using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// A new leader's first steps: Marten's event store schema (once per process) and the carry-over of a
// previous engine's event log, recover what a previous leader left (running requests, interrupted
// rebuilds), fold the log into memory, then maintain every projection whose checkpoint is the log head
// and return a rebuild for every other one (recorded in request_status; the session serves them).
public static class LeaderStartup
{
    public static async Task<IReadOnlyList<RebuildRequest>> RecoverAndLoadAsync(
        LeaderConnection leader, ProjectorEventStore events, LiveProjections live, EngineOptions options, ILogger logger, CancellationToken ct)
    {
        var conn = leader.Connection;
        await events.EnsureSchemaAsync(logger, ct);
        await LegacyEventLogImport.RunAsync(events.Store, conn, logger, ct);
        await HeartbeatWriter.RecordLeaderAsync(conn, options.InstanceName, options.PollInterval, ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var requeued = await RequestStatusTable.RecoverAsync(conn, tx, LeaderSession.StartupRequester, ct);
            var interrupted = await ProjectionTable.RecoverAsync(conn, tx, ct);
            await ProjectionTable.InsertMissingAsync(conn, tx, live.All.Select(p => p.Name), ct);
            await tx.CommitAsync(ct);
            if (requeued + interrupted.Count > 0)
            {
                Log.Recovered(logger, requeued, interrupted.Count);
            }
        }

        var clock = Stopwatch.StartNew();
        var head = await EventLogReader.HeadAsync(conn, null, ct);
        await StateLoader.FoldAsync(conn, live.State, 0, head, null, ct);
        Log.StateLoaded(logger, head, clock.ElapsedMilliseconds);

        var rows = await ProjectionTable.LoadAsync(conn, null, ct);
        var rebuilds = new List<RebuildRequest>();
        foreach (var projection in live.All)
        {
            var row = rows[projection.Name];
            if (row.Checkpoint == head)
            {
                live.Maintain(projection.Name, row.LiveGeneration);
            }
            else
            {
                Log.ProjectionBehind(logger, projection.Name, row.Checkpoint, head);
                var id = await RequestStatusTable.InsertStartupRebuildAsync(conn, projection.Name, LeaderSession.StartupRequester, ct);
                rebuilds.Add(new RebuildRequest(id, RebuildRequest.Rebuild, projection.Name, LeaderSession.StartupRequester));
            }
        }

        foreach (var name in rows.Keys.Where(n => live.Find(n) is null))
        {
            Log.UnknownProjection(logger, name);
        }

        return rebuilds;
    }
}
