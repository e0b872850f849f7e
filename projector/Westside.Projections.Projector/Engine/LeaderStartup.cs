using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// A new leader's first steps: Marten's event store schema (once per process) and the carry-over of a
// previous engine's event log, recover what a previous leader left (running requests, interrupted
// rebuilds), and return a build for every story not yet on Marten's tables (recorded in request_status;
// the session serves them after it has started Marten's daemon over the others, StoryRuntime):
// a story new to a store whose log is not empty, or every story of a store the previous engine built.
// On an empty log a new story's empty table is current at once: it is on Marten from the start.
public static class LeaderStartup
{
    public static async Task<IReadOnlyList<RebuildRequest>> RecoverAsync(
        LeaderConnection leader, ProjectorEventStore events, IReadOnlyList<IProjection> projections, EngineOptions options, ILogger logger, CancellationToken ct)
    {
        var conn = leader.Connection;
        var names = projections.Select(p => p.Name).ToList();
        await events.EnsureSchemaAsync(logger, ct);
        await LegacyEventLogImport.RunAsync(events.Store, conn, logger, ct);
        await HeartbeatWriter.RecordLeaderAsync(conn, options.InstanceName, options.PollInterval, ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var requeued = await RequestStatusTable.RecoverAsync(conn, tx, [LeaderSession.StartupRequester, CatchUp.Requester], ct);
            var interrupted = await ProjectionTable.RecoverAsync(conn, tx, ct);
            await ProjectionTable.InsertMissingAsync(conn, tx, names, ct);
            if (await EventLogReader.HeadAsync(conn, tx, ct) == 0 && await ProjectionTable.MoveEmptyStoriesAsync(conn, tx, names, ct) is > 0 and var moved)
            {
                Log.MovedOnEmptyLog(logger, moved);
            }

            await tx.CommitAsync(ct);
            if (requeued + interrupted.Count > 0)
            {
                Log.Recovered(logger, requeued, interrupted.Count);
            }
        }

        var rows = await ProjectionTable.LoadAsync(conn, null, ct);
        var rebuilds = new List<RebuildRequest>();
        foreach (var projection in projections.Where(p => rows[p.Name].StoryVersion is null))
        {
            Log.ProjectionBehind(logger, projection.Name, rows[projection.Name].Checkpoint);
            var id = await RequestStatusTable.InsertOwnRebuildAsync(conn, projection.Name, LeaderSession.StartupRequester, ct);
            rebuilds.Add(new RebuildRequest(id, RebuildRequest.Rebuild, projection.Name, LeaderSession.StartupRequester));
        }

        foreach (var name in rows.Keys.Where(n => !names.Contains(n)))
        {
            Log.UnknownProjection(logger, name);
        }

        return rebuilds;
    }
}
