using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;

namespace Westside.Projections.ReadModel.Requests;

// What every process that sends or handles requests agrees on: Wolverine's message storage and its
// PostgreSQL queue live in the store database, in their own schemas; both request messages go to one
// queue, which only the leading projector listens to.
public static class RequestMessaging
{
    public const string EnvelopeSchema = "wolverine";
    public const string QueueSchema = "wolverine_queues";
    public const string Queue = "projector_requests";

    public static PostgresqlPersistenceExpression UseStoreQueue(this WolverineOptions opts, string storeConnectionString)
    {
        var transport = opts.UsePostgresqlPersistenceAndTransport(storeConnectionString, EnvelopeSchema, QueueSchema);
        opts.PublishMessage<RebuildProjection>().ToPostgresqlQueue(Queue);
        opts.PublishMessage<ResyncFromSource>().ToPostgresqlQueue(Queue);
        return transport;
    }
}
