using System.Net.Sockets;
using Npgsql;

namespace Westside.Projections.Dashboard.Infrastructure.Errors;

public static class StoreFailure
{
    // The store is down or unreachable (connection refused, timeout, shutting down, too many clients),
    // as opposed to a bug: the first deserves an outage page and a 503, the second a 500.
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                || pg.SqlState is "53300" or "3D000" or "28P01" or "28000"
                                // undefined_table: the store exists but the projector has not migrated it yet.
                                or "42P01",
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };
}
