using Marten;
using Npgsql;

namespace Westside.Projections.Projector.Events;

// The projector's handle on Marten's event store: the DocumentStore, and its schema applied once per
// process, by the first leader session (later sessions of the same process skip the comparison).
public sealed class ProjectorEventStore(NpgsqlDataSource store) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _applied;

    public DocumentStore Store { get; } = MartenEventStore.Create(store);

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_applied)
            {
                await MartenEventStore.ApplySchemaAsync(Store);
                _applied = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        Store.Dispose();
        return ValueTask.CompletedTask;
    }
}
