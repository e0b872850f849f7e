using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// One poll as one store transaction on the leader connection: capture -> append events (a Marten
// session enlisted in this transaction) -> heartbeat -> commit. The documents follow from the log:
// Marten's async daemon folds the new events into them (StoryRuntime). The caller holds the leader gate.
public static class PollTransaction
{
    public static async Task<PollOutcome> RunAsync(
        NpgsqlConnection conn, IDocumentStore events, IChangeCapture capture, bool resync, ILogger logger, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(ct);
        CaptureBatch batch;
        try
        {
            batch = resync ? await capture.ResyncAsync(conn, tx, ct) : await capture.CaptureAsync(conn, tx, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was appended: roll back the capture's store writes and keep the session. If the
            // store itself is gone, the rollback or the heartbeat write throws and the session ends.
            var error = FailureText.Describe(e);
            await tx.RollbackAsync(ct);
            await HeartbeatWriter.RecordSourceFailureAsync(conn, error, ct);
            return PollOutcome.Failed(error, clock.Elapsed);
        }

        var recorded = await EventLog.AppendAsync(events, conn, tx, batch, ct);
        var head = recorded.Count > 0 ? recorded[^1].Sequence : await EventLogReader.HeadAsync(conn, tx, ct);
        await HeartbeatWriter.RecordPollAsync(conn, tx, batch.SourceSnapshotAt, ct);
        await tx.CommitAsync(ct);
        if (recorded.Count > 0)
        {
            Log.BatchCommitted(logger, recorded.Count, head, clock.ElapsedMilliseconds);
        }

        return PollOutcome.Committed(recorded.Count, head, clock.Elapsed);
    }
}
