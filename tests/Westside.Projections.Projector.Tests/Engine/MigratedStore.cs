using Npgsql;
using Westside.Projections.Projector.Events;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// SourceAndStore with the store migrated (our tables and Marten's event store), and a data source on it.
public class MigratedStore : SourceAndStore
{
    public NpgsqlDataSource StoreSource { get; private set; } = null!;

    public ProjectorEventStore Events { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StoreSource = NpgsqlDataSource.Create(Store);
        await StoreMigrator.MigrateAsync(StoreSource, CancellationToken.None);
        Events = new ProjectorEventStore(StoreSource);
        await Events.EnsureSchemaAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        await StoreSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
