using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Source;

// `projector check` tells the operator, per table, whether polls will read changed rows through the
// optional change marker or scan xmin, and what would enable the marker; the marker is never required.
// Each test owns its source (the marker migration changes the schema).
public sealed class CaptureModeCheckTests : IAsyncLifetime
{
    private readonly SourceAndStore _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<ProjectorProcess.Result> CheckAsync() => ProjectorProcess.RunAsync(
        new Dictionary<string, string> { ["SOURCE_PGURL"] = _db.SourceReadOnly, ["STORE_PGURL"] = _db.Store }, "check");

    [Fact]
    public async Task Without_the_optional_migration_check_passes_and_reports_the_xmin_scan_with_the_migration_to_apply()
    {
        var result = await CheckAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.All);
        Assert.Contains("capture mode: change marker on 0 of 10 tables, xmin scan on 10", result.Output);
        Assert.Contains("players: xmin scan — no change_xid column (optional: apply ops/sql/source/optional/0003_change_marker.sql)", result.Output);
    }

    [Fact]
    public async Task With_the_optional_migration_check_reports_the_change_marker_on_every_table()
    {
        await _db.ApplyChangeMarkerAsync();

        var result = await CheckAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.All);
        Assert.Contains("capture mode: change marker on 10 of 10 tables, xmin scan on 0", result.Output);
        Assert.Contains("players: change marker", result.Output);
        Assert.Contains("outbox: change marker", result.Output);
    }

    [Fact]
    public async Task A_disabled_trigger_or_an_ungranted_marker_column_falls_back_to_the_xmin_scan_and_names_the_fix()
    {
        await _db.ApplyChangeMarkerAsync();
        await _db.SourceExecAsync($"""
            alter table players disable trigger westside_change_xid;
            revoke select (change_xid) on outbox from {PostgresServer.ReadOnlyRole};
            """);

        var result = await CheckAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.All);
        Assert.Contains("capture mode: change marker on 8 of 10 tables, xmin scan on 2", result.Output);
        Assert.Contains(
            "players: xmin scan — trigger westside_change_xid is disabled — fix: ALTER TABLE public.players ENABLE TRIGGER westside_change_xid;",
            result.Output);
        Assert.Contains(
            $"outbox: xmin scan — outbox.change_xid: column is not readable by the role — fix: GRANT SELECT (change_xid) ON public.outbox TO {PostgresServer.ReadOnlyRole};",
            result.Output);
        Assert.Contains("teams: change marker", result.Output);
    }
}
