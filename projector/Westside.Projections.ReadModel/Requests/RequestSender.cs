using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Westside.Projections.ReadModel.Requests;

// Files a request: its status row (pending) and its Wolverine message commit in one store transaction,
// with whatever else the caller writes in it (the dashboard's audit entry); the message goes to the
// outbox first and on to the queue after the commit (or by Wolverine's outbox recovery if this process
// dies in between). The dashboard's "Rebuild" button (Features/Projections/RequestMessenger) and
// `projector rebuild|resync` file through here.
public sealed class RequestSender(IWolverineRuntime runtime)
{
    public async Task<long> FileAsync(
        NpgsqlDataSource store, string kind, string projection, string requestedBy,
        Func<NpgsqlConnection, NpgsqlTransaction, long, Task>? alsoInTransaction, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await InsertPendingAsync(conn, tx, kind, projection, requestedBy, ct);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(conn, tx, id);
        }

        var context = new MessageContext(runtime);
        await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(Database(), tx));
        await context.SendAsync(RequestKinds.Message(kind, id, projection, requestedBy));
        await tx.CommitAsync(ct);
        await context.FlushOutgoingMessagesAsync();
        return id;
    }

    // Requests recorded without a message (carried over from the old queue by migration 0008, or recorded by
    // a dashboard from before it sent its own messages): a new leader sends them as messages, each once.
    public async Task<int> SendUnsentAsync(NpgsqlDataSource store, CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var select = new NpgsqlCommand("""
            update request_status set message_sent = true where not message_sent
            returning id, kind, projection, requested_by
            """, conn, tx);
        var messages = new List<object>();
        await using (var r = await select.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                messages.Add(RequestKinds.Message(r.GetString(1), r.GetInt64(0), r.GetString(2), r.GetString(3)));
            }
        }

        if (messages.Count == 0)
        {
            return 0;
        }

        var context = new MessageContext(runtime);
        await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(Database(), tx));
        foreach (var message in messages.OrderBy(m => m is RebuildProjection rebuild ? rebuild.RequestId : ((ResyncFromSource)m).RequestId))
        {
            await context.SendAsync(message);
        }

        await tx.CommitAsync(ct);
        await context.FlushOutgoingMessagesAsync();
        return messages.Count;
    }

    private IMessageDatabase Database() => runtime.Storage as IMessageDatabase
        ?? throw new InvalidOperationException("Wolverine's message storage is not the store's PostgreSQL database.");

    private static Task<long> InsertPendingAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string kind, string projection, string requestedBy, CancellationToken ct) =>
        RequestRecords.InsertAsync(conn, tx, kind, projection, requestedBy, messageSent: true, ct);
}
