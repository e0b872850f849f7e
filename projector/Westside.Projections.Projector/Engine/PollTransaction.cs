using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Capture;

namespace Westside.Projections.Projector.Engine;

// One poll as one store transaction on the leader connection: capture -> append events (a Marten
// session enlisted in this transaction) -> render touched documents into each live generation ->
// checkpoints -> heartbeat -> commit. The caller holds the leader gate and has checked that the
// in-memory model is not poisoned.
public static class PollTransaction
{
    public static async Task<PollOutcome> RunAsync(
        NpgsqlConnection conn, IDocumentStore events, IChangeCapture capture, LiveProjections live, bool resync, ILogger logger, CancellationToken ct)
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
            // Nothing was folded: roll back the capture's store writes and keep the session. If the
            // store itself is gone, the rollback or the heartbeat write throws and the session ends.
            var error = FailureText.Describe(e);
            await tx.RollbackAsync(ct);
            await HeartbeatWriter.RecordSourceFailureAsync(conn, error, ct);
            return PollOutcome.Failed(error, clock.Elapsed);
        }

        try
        {
            var recorded = await EventLog.AppendAsync(events, conn, tx, batch, ct);
            var documents = 0;
            var head = recorded.Count > 0 ? recorded[^1].Sequence : live.State.LastSequence;
            if (recorded.Count > 0)
            {
                foreach (var (rendered, generation) in live.Apply(recorded))
                {
                    await DocumentWriter.WriteAsync(conn, tx, rendered, generation, head, ct);
                    documents += rendered.Count;
                }

                await ProjectionTable.AdvanceAsync(conn, tx, live.Maintained.Select(p => p.Name).ToList(), head, ct);
            }

            await HeartbeatWriter.RecordPollAsync(conn, tx, batch.SourceSnapshotAt, ct);
            await tx.CommitAsync(ct);
            if (recorded.Count > 0)
            {
                Log.BatchCommitted(logger, recorded.Count, documents, head, clock.ElapsedMilliseconds);
            }

            return PollOutcome.Committed(recorded.Count, documents, head, clock.Elapsed);
        }
        catch
        {
            // The batch may be folded in memory but not in the store (or the commit's fate unknown).
            live.Poison();
            throw;
        }
    }
}
