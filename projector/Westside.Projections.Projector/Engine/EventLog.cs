using Marten;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// Appends a captured batch to Marten's event store inside the caller's (the poll's) transaction, so
// that one commit covers the events, the capture's bookkeeping, the documents and the heartbeat. Every
// event of a batch is recorded at the transaction's start time (now()), as of the batch's snapshot.
// On an empty log (a first poll) every stream is new, so the batch starts its streams (EventAppender).
public static class EventLog
{
    public static async Task<IReadOnlyList<RecordedEvent>> AppendAsync(
        IDocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx, CaptureBatch batch, CancellationToken ct)
    {
        if (batch.Events.Count == 0)
        {
            return [];
        }

        DateTimeOffset recordedAt;
        await using (var now = new NpgsqlCommand("select now()", conn, tx))
        {
            recordedAt = new DateTimeOffset(((DateTime)(await now.ExecuteScalarAsync(ct))!).ToUniversalTime(), TimeSpan.Zero);
        }

        var snapshotAt = batch.SourceSnapshotAt.ToUniversalTime();
        var pending = batch.Events
            .Select(e => new PendingEvent(e.SourceTable, e.SourceKey, e.Event, recordedAt, snapshotAt))
            .ToList();
        var newLog = await EventLogReader.HeadAsync(conn, tx, ct) == 0;
        return await EventAppender.AppendAsync(store, tx, pending, newStreams: newLog, ct);
    }
}
