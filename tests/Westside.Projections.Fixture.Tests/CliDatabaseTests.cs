using Npgsql;
using Westside.Projections.Testing;

namespace Westside.Projections.Fixture.Tests;

// The CLI against a real, initially EMPTY database of its own (no schema): apply-schema, then load.
public class CliDatabaseTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string _database = "";
    private string _url = "";
    private string _password = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateEmptyDatabaseAsync(nameof(CliDatabaseTests));
        var b = new NpgsqlConnectionStringBuilder(_server.ConnectionString(_database));

        // A password in the URL either way: the server's own, or one that trust authentication ignores.
        _password = string.IsNullOrEmpty(b.Password) ? "cli-test-secret-1234" : b.Password;
        _url = $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(_password)}@{b.Host}:{b.Port}/{_database}";
    }

    public Task DisposeAsync() => _server.DropDatabaseAsync(_database);

    [Fact]
    public async Task Apply_schema_then_load_report_what_they_did_and_never_the_password()
    {
        var apply = await CliRun.RunAsync("apply-schema", "--url", _url);
        Assert.Equal(Cli.Ok, apply.ExitCode);
        Assert.Contains("0001_basketball_api_schema.sql, 0002_westside_projections_readonly_role.sql", apply.Out, StringComparison.Ordinal);

        var load = await CliRun.RunAsync("load", "--url", _url, "--players", "100", "--seed", "5", "--as-of", "2026-11-22T12:00:00Z");
        Assert.Equal(Cli.Ok, load.ExitCode);
        var expected = DatasetGenerator.Generate(new DemoOptions(5, 100, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)));
        Assert.Matches($@"\n\s+players\s+100\n", load.Out);
        Assert.Matches($@"\n\s+outbox\s+{expected.Outbox.Count}\n", load.Out);
        Assert.Contains("loaded in", load.Out, StringComparison.Ordinal);

        Assert.DoesNotContain(_password, apply.All + load.All, StringComparison.Ordinal);
        await using var conn = new NpgsqlConnection(_server.ConnectionString(_database));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from email_log", conn);
        Assert.Equal((long)expected.EmailLog.Count, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Applying_the_schema_twice_or_loading_twice_fails_cleanly()
    {
        Assert.Equal(Cli.Ok, (await CliRun.RunAsync("apply-schema", "--url", _url)).ExitCode);
        var again = await CliRun.RunAsync("apply-schema", "--url", _url);
        Assert.Equal(Cli.Failed, again.ExitCode);
        Assert.Contains("already exists", again.Err, StringComparison.Ordinal);

        Assert.Equal(Cli.Ok, (await CliRun.RunAsync("load", "--url", _url, "--players", "100")).ExitCode);
        var reload = await CliRun.RunAsync("load", "--url", _url, "--players", "100");
        Assert.Equal(Cli.Failed, reload.ExitCode);
        Assert.Contains("not empty", reload.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_schema_with_the_change_marker_opt_in_adds_column_trigger_and_index_to_every_table()
    {
        var apply = await CliRun.RunAsync("apply-schema", "--url", _url, "--change-marker");
        Assert.Equal(Cli.Ok, apply.ExitCode);
        Assert.Contains("0002_westside_projections_readonly_role.sql, 0003_change_marker.sql", apply.Out, StringComparison.Ordinal);

        await using var conn = new NpgsqlConnection(_server.ConnectionString(_database));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select count(*) filter (where a.atttypid = 'xid8'::regtype),
                   count(*) filter (where exists (select from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'westside_change_xid' and g.tgenabled = 'O')),
                   count(*) filter (where exists (select from pg_index i join pg_attribute ia on ia.attrelid = i.indrelid and ia.attnum = i.indkey[0]
                                                  where i.indrelid = c.oid and ia.attname = 'change_xid')),
                   count(*) filter (where has_column_privilege('westside_projections_ro', c.oid, 'change_xid', 'SELECT'))
            from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'change_xid'
            where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((10L, 10L, 10L, 10L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }

    [Fact]
    public async Task Apply_schema_without_the_opt_in_leaves_the_source_without_a_change_marker()
    {
        var apply = await CliRun.RunAsync("apply-schema", "--url", _url);
        Assert.Equal(Cli.Ok, apply.ExitCode);
        Assert.DoesNotContain("0003_change_marker", apply.Out, StringComparison.Ordinal);
        await using var conn = new NpgsqlConnection(_server.ConnectionString(_database));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from pg_attribute where attname = 'change_xid' and not attisdropped", conn);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
