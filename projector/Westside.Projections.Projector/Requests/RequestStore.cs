using Npgsql;

namespace Westside.Projections.Projector.Requests;

// The store as the request inbox reaches it (kept out of the container as a bare NpgsqlDataSource,
// which libraries may pick up as theirs).
public sealed class RequestStore(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
