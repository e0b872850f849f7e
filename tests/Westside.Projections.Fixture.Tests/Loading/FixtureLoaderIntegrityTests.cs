using Npgsql;
using Westside.Projections.Fixture.Loading;
using Westside.Projections.Fixture.Tests.Generation;
using Westside.Projections.Testing;

namespace Westside.Projections.Fixture.Tests.Loading;

public class FixtureLoaderIntegrityTests(SourceAndStore source) : IClassFixture<SourceAndStore>
{
    [Fact]
    public async Task A_dataset_with_a_dangling_reference_loads_nothing()
    {
        var data = Datasets.Demo;
        var broken = data with { Players = [.. data.Players.Select(p => p.Id == 7 ? p with { ParentId = 999_999 } : p)] };

        var e = await Assert.ThrowsAnyAsync<Exception>(() => FixtureLoader.LoadAsync(source.SourceAdmin, broken, CancellationToken.None));
        Assert.True(e is InvalidOperationException or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }, e.ToString());
        Assert.Contains("parent_id", e.Message, StringComparison.Ordinal);

        await using var conn = new NpgsqlConnection(source.SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select (select count(*) from teams) + (select count(*) from players)", conn);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
