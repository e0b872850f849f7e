using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Westside.Projections.Projector.Events;

// The projector's handle on Marten's event store: the DocumentStore, and its schema applied once per
// process, by the first leader session (later sessions of the same process skip the comparison).
public sealed class ProjectorEventStore(NpgsqlDataSource store) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _applied;

    public DocumentStore Store { get; } = MartenEventStore.Create(store);

    public async Task EnsureSchemaAsync(ILogger logger, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_applied)
            {
                var clock = Stopwatch.StartNew();
                await MartenEventStore.ApplySchemaAsync(Store);
                _applied = true;
                Log.SchemaApplied(logger, clock.ElapsedMilliseconds);
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
