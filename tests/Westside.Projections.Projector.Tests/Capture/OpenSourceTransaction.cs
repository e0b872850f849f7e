using Npgsql;

namespace Westside.Projections.Projector.Tests.Capture;

// A source transaction, as the source's owner, that a test keeps open across polls: its writes are
// invisible to the capture until the test commits (or rolls back) while later transactions commit first.
public sealed class OpenSourceTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private OpenSourceTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<OpenSourceTransaction> BeginAsync(string sourceAdmin, params string[] statements)
    {
        var connection = new NpgsqlConnection(sourceAdmin);
        await connection.OpenAsync();
        var open = new OpenSourceTransaction(connection, await connection.BeginTransactionAsync());
        try
        {
            foreach (var sql in statements)
            {
                await CaptureDatabases.ExecAsync(connection, open._transaction, sql);
            }
        }
        catch
        {
            await open.DisposeAsync();
            throw;
        }

        return open;
    }

    // The transaction's top-level id (assigned now if it wrote nothing yet).
    public async Task<ulong> XidAsync()
    {
        await using var cmd = new NpgsqlCommand("select pg_current_xact_id()::text::bigint", _connection, _transaction);
        return (ulong)(long)(await cmd.ExecuteScalarAsync())!;
    }

    public Task CommitAsync() => _transaction.CommitAsync();

    public Task RollbackAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
