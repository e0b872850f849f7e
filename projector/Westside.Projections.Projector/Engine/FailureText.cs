using System.Net.Sockets;
using Npgsql;

namespace Westside.Projections.Projector.Engine;

// What we log and store about a failure: exception type names and SQLSTATE only. Messages are never
// used: PostgreSQL puts row values in them (constraint details, casts), and rows describe minors.
public static class FailureText
{
    public static string Describe(Exception e)
    {
        var text = e switch
        {
            PostgresException pg => $"{pg.GetType().Name} {pg.SqlState}",
            NpgsqlException { InnerException: SocketException s } n => $"{n.GetType().Name} socket {s.SocketErrorCode}",
            NpgsqlException { InnerException: { } inner } n => $"{n.GetType().Name} ({inner.GetType().Name})",
            _ => e.GetType().Name,
        };
        return text.Length <= 200 ? text : text[..200];
    }

    public static string? SqlState(Exception e) => e is PostgresException pg ? pg.SqlState : null;
}
