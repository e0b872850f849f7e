using Npgsql;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// SourceAndStore with the store migrated, and a data source on it.
public class MigratedStore : SourceAndStore
{
    public NpgsqlDataSource StoreSource { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StoreSource = NpgsqlDataSource.Create(Store);
        await StoreMigrator.MigrateAsync(StoreSource, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        await StoreSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
