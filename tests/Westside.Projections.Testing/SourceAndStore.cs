using Npgsql;
using Xunit;

namespace Westside.Projections.Testing;

// A class fixture: a fresh source database (fixture schema, empty) and a fresh, unmigrated store
// database, owned by one test class and dropped after it. No test shares rows with another class.
public class SourceAndStore : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;
    public string SourceDatabase { get; private set; } = "";
    public string StoreDatabase { get; private set; } = "";

    // The source as basketball-api's owner sees it (the fixture and the tests write through this).
    public string SourceAdmin => Server.ConnectionString(SourceDatabase);

    // The source as the projector sees it: the read-only role.
    public string SourceReadOnly =>
        Server.ConnectionString(SourceDatabase, PostgresServer.ReadOnlyRole, PostgresServer.ReadOnlyPassword);

    public string Store => Server.ConnectionString(StoreDatabase);

    public virtual async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        var hint = GetType().Name;
        SourceDatabase = await Server.CreateSourceDatabaseAsync(hint);
        StoreDatabase = await Server.CreateEmptyDatabaseAsync(hint);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DropDatabaseAsync(SourceDatabase);
        await Server.DropDatabaseAsync(StoreDatabase);
    }

    // basketball-api applies the optional change-marker migration (ops/sql/source/optional/), as its owner.
    public Task ApplyChangeMarkerAsync() =>
        SourceExecAsync(File.ReadAllText(RepoPaths.Combine("ops", "sql", "source", "optional", "0003_change_marker.sql")));

    public async Task SourceExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    // One value read from the store (as the store's owner).
    public async Task<T> StoreScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(Store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
