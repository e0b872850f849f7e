using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Source;
using Xunit;
using static Westside.Projections.Projector.Tests.Capture.CaptureDatabases;

namespace Westside.Projections.Projector.Tests.Capture;

// Change capture where basketball-api applied the optional change marker (ops/sql/source/optional/):
// polls read changed rows through the marker's index; the first capture of a process and every
// reconciliation still scan xmin. Each test owns a fresh source and store.
public sealed class ChangeMarkerCaptureTests : IAsyncLifetime
{
    private const int Tables = 10;
    private readonly CaptureDatabases _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    // Reconciliation only when a test asks for it: on the everyPolls-th poll after the previous one (the first
    // capture of an instance always reconciles).
    private static ChangeCaptureOptions Rarely(int everyPolls = int.MaxValue) =>
        new() { ReconcileEveryPolls = everyPolls, ReconcileInterval = TimeSpan.FromDays(1) };

    // A capture on the read-only role that reconciles on its first poll, then only when `clock` moves by
    // ReconcileInterval.
    private XminChangeCapture RarelyReconciling(ManualClock clock) =>
        new(_db.ReadOnlySource(), [], Options.Create(Rarely()), clock, NullLogger<XminChangeCapture>.Instance);

    // Reconciles on its first poll, then only when the test moves the clock by ReconcileInterval.
    private async Task<XminChangeCapture> MarkedSeededAndCapturedAsync(ManualClock? clock = null)
    {
        await _db.ApplyChangeMarkerAsync();
        await _db.SourceExecAsync(SeedSql);
        var capture = RarelyReconciling(clock ?? new ManualClock());
        Assert.Equal(SeedEvents, (await _db.PollAsync(capture)).Events.Count);
        Assert.Equal(0, capture.LastCapture!.TablesByMarker);
        return capture;
    }

    private async Task<JsonElement> CursorAsync(string table) =>
        JsonDocument.Parse(await _db.StoreScalarAsync<string>($"select state::text from source_state where source_table = '{table}'")).RootElement;

    // Polls (expecting nothing new) until the players cursor is past every marker the table holds. Another
    // test's open transaction can hold the cluster's snapshot xmin, and so the cursor, behind: then a marker
    // poll also returns older rows (a sound, cheaper-than-feared overlap these tests must not mistake).
    private async Task SettleAsync(XminChangeCapture capture)
    {
        var newest = (ulong)await _db.SourceScalarAsync<long>("select coalesce(max(change_xid::text::bigint), 0) from players");
        for (var i = 0; i < 300 && (await CursorAsync("players")).GetProperty("xmin").GetUInt64() <= newest; i++)
        {
            await Task.Delay(100);
            Assert.Empty((await _db.PollAsync(capture)).Events);
        }

        Assert.True((await CursorAsync("players")).GetProperty("xmin").GetUInt64() > newest, "the cluster's xmin stayed behind");
    }

    [Fact]
    public async Task After_the_optional_migration_polls_read_only_changed_rows_through_the_marker()
    {
        var capture = await MarkedSeededAndCapturedAsync();
        Assert.True((await CursorAsync("players")).GetProperty("marker").GetBoolean());

        await _db.SourceExecAsync($"{PlayerSql(10)}; update parents set phone = '555-0100' where id = 1");
        var batch = await _db.PollAsync(capture);

        Assert.Equal(["parents/1 ParentContactChanged", "players/10 PlayerRegistered"], Summary(batch));
        Assert.Equal((Tables, 2), (capture.LastCapture!.TablesByMarker, capture.LastCapture.RowsFetched));
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task A_row_committed_late_by_a_transaction_open_at_the_previous_marker_poll_is_captured()
    {
        var capture = await MarkedSeededAndCapturedAsync();
        await using var open = await _db.BeginSourceTransactionAsync(PlayerSql(10), "update players set jersey_number = 7 where id = 2");

        // A later transaction commits first and the poll between them runs by marker.
        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);

        await open.CommitAsync();
        Assert.Equal(["players/2 PlayerChanged", "players/10 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);
        await _db.SourceExecAsync(PlayerSql(12));
        Assert.Equal(["players/12 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
    }

    [Fact]
    public async Task An_update_inside_a_savepoint_of_a_transaction_open_at_the_previous_marker_poll_is_captured()
    {
        var capture = await MarkedSeededAndCapturedAsync();
        await using var open = await _db.BeginSourceTransactionAsync(
            "update parents set phone = '555-0100' where id = 1", "savepoint s; update players set jersey_number = 33 where id = 1; release savepoint s");
        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        await open.CommitAsync();

        // The marker is the top-level id even for the savepoint's row: one value per transaction.
        Assert.True(await _db.SourceScalarAsync<bool>(
            "select p.change_xid = (select change_xid from parents where id = 1) from players p where p.id = 1"));
        Assert.Equal(["parents/1 ParentContactChanged", "players/1 PlayerChanged"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);
    }

    [Fact]
    public async Task A_write_made_while_the_trigger_did_not_fire_is_caught_at_the_next_reconciliation()
    {
        var clock = new ManualClock();
        var capture = await MarkedSeededAndCapturedAsync(clock);
        await SettleAsync(capture);

        // A bulk load under session_replication_role = replica skips ordinary triggers: no marker.
        await _db.SourceExecAsync("set session_replication_role = replica; update players set jersey_number = 99 where id = 1; reset session_replication_role");
        Assert.Empty((await _db.PollAsync(capture)).Events);
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);

        // Marker polls move the cursor past the silent write; the safety net must still reach back to it.
        await _db.SourceExecAsync(PlayerSql(10));
        Assert.Equal(["players/10 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        var silent = (ulong)await _db.SourceScalarAsync<long>("select xmin::text::bigint from players where id = 1");
        for (var i = 0; i < 50 && (await CursorAsync("players")).GetProperty("xmin").GetUInt64() <= silent; i++)
        {
            // Another test's open transaction holds the cluster's xmin back: wait for it, polling nothing new.
            await Task.Delay(100);
            Assert.Empty((await _db.PollAsync(capture)).Events);
        }

        Assert.True((await CursorAsync("players")).GetProperty("xmin").GetUInt64() > silent);

        clock.Advance(Rarely().ReconcileInterval);
        var reconciled = await _db.PollAsync(capture);
        Assert.True(capture.LastCapture!.Reconciled);
        Assert.Equal((0, Tables), (capture.LastCapture.TablesByMarker, capture.LastCapture.TablesScanned));
        Assert.Equal(["players/1 PlayerChanged"], Summary(reconciled));
        Assert.Equal(99, Assert.IsType<Westside.Projections.ReadModel.Events.PlayerChanged>(reconciled.Events[0].Event).Row.JerseyNumber);

        // Back to the marker, with nothing re-emitted.
        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);
    }

    [Fact]
    public async Task A_disabled_trigger_sends_its_table_back_to_the_xmin_scan_at_the_next_reconciliation()
    {
        var clock = new ManualClock();
        var capture = await MarkedSeededAndCapturedAsync(clock);
        await SettleAsync(capture);
        await _db.SourceExecAsync("alter table players disable trigger westside_change_xid");
        await _db.SourceExecAsync("update players set jersey_number = 98 where id = 2");

        Assert.Empty((await _db.PollAsync(capture)).Events);
        clock.Advance(Rarely().ReconcileInterval);
        Assert.Equal(["players/2 PlayerChanged"], Summary(await _db.PollAsync(capture)));
        Assert.True(capture.LastCapture!.Reconciled);
        Assert.False((await CursorAsync("players")).GetProperty("marker").GetBoolean());

        await _db.SourceExecAsync("update players set jersey_number = 97 where id = 2");
        Assert.Equal(["players/2 PlayerChanged"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables - 1, capture.LastCapture!.TablesByMarker);
    }

    // Another session's transaction pins the cluster's xmin from before the first capture, so the marker
    // poll's xmin is where the last scan started. The reconciling capture right after it, with nothing else
    // finished in between, must still scan players, not skip it (a CI run missed the write this way).
    [Fact]
    public async Task A_trigger_less_write_is_caught_while_another_transaction_pins_the_cluster_xmin()
    {
        await _db.ApplyChangeMarkerAsync();
        await _db.SourceExecAsync(SeedSql);
        await using var pin = await _db.BeginSourceTransactionAsync();
        var pinned = await pin.XidAsync();
        await PinnedAsync(pinned);
        var clock = new ManualClock();
        var capture = RarelyReconciling(clock);
        Assert.Equal(SeedEvents, (await _db.PollAsync(capture)).Events.Count);

        await _db.SourceExecAsync("alter table players disable trigger westside_change_xid");
        await _db.SourceExecAsync("update players set jersey_number = 98 where id = 2");
        Assert.Empty((await _db.PollAsync(capture)).Events);
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);

        clock.Advance(Rarely().ReconcileInterval);
        Assert.Equal(["players/2 PlayerChanged"], Summary(await _db.PollAsync(capture)));
        Assert.True(capture.LastCapture!.Reconciled);
    }

    // Waits until `xid` is the oldest transaction running in the cluster (other tests' older ones finished):
    // from then on, while it stays open, every snapshot's xmin is `xid`.
    private async Task PinnedAsync(ulong xid)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((ulong)await _db.SourceScalarAsync<long>("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint") == xid)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"transaction {xid} never became the cluster's oldest");
    }

    [Fact]
    public async Task A_marker_column_dropped_while_running_fails_one_poll_then_its_table_goes_back_to_the_xmin_scan()
    {
        var capture = await MarkedSeededAndCapturedAsync();
        await _db.SourceExecAsync("drop trigger westside_change_xid on outbox; alter table outbox drop column change_xid");
        await _db.SourceExecAsync("insert into outbox (id, event_type, aggregate_id) values (2, 'contract_signed', 2)");

        var failed = await Assert.ThrowsAsync<PostgresException>(() => _db.PollAsync(capture));
        Assert.Equal(PostgresErrorCodes.UndefinedColumn, failed.SqlState);

        Assert.Equal(["outbox/2 OutboxEventQueued"], Summary(await _db.PollAsync(capture)));
        Assert.True(capture.LastCapture!.Reconciled);
        await _db.SourceExecAsync("update outbox set attempts = 3 where id = 2");
        Assert.Equal(["outbox/2 OutboxEventRetried"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables - 1, capture.LastCapture!.TablesByMarker);
    }

    [Fact]
    public async Task Rows_written_before_the_migration_are_not_lost_when_the_capture_switches_to_the_marker()
    {
        await _db.SourceExecAsync(SeedSql);
        var before = _db.NewCapture(Rarely());
        Assert.Equal(SeedEvents, (await _db.PollAsync(before)).Events.Count);

        // Written, never captured, then the migration: these rows keep a NULL marker.
        await _db.SourceExecAsync($"{PlayerSql(10)}; update contracts set status = 'signed', signed_at = now() where id = 2");
        await _db.ApplyChangeMarkerAsync();
        Assert.Equal(2L, await _db.SourceScalarAsync<long>(
            "select (select count(*) from players where id = 10 and change_xid is null) + (select count(*) from contracts where id = 2 and change_xid is null)"));
        await _db.SourceExecAsync(PlayerSql(11));

        // The projector restarts: its first capture scans xmin, and only then trusts the marker.
        var after = _db.NewCapture(Rarely());
        Assert.Equal(
            ["players/10 PlayerRegistered", "players/11 PlayerRegistered", "contracts/2 ContractSigned"],
            Summary(await _db.PollAsync(after)));
        Assert.Equal(0, after.LastCapture!.TablesByMarker);

        await _db.SourceExecAsync(PlayerSql(12));
        Assert.Equal(["players/12 PlayerRegistered"], Summary(await _db.PollAsync(after)));
        Assert.Equal(Tables, after.LastCapture!.TablesByMarker);
    }

    [Fact]
    public async Task A_capture_running_through_the_migration_keeps_scanning_xmin_until_it_reconciles()
    {
        await _db.SourceExecAsync(SeedSql);
        var capture = _db.NewCapture(Rarely(everyPolls: 2));
        Assert.Equal(SeedEvents, (await _db.PollAsync(capture)).Events.Count);

        await _db.SourceExecAsync(PlayerSql(10));
        await _db.ApplyChangeMarkerAsync();
        Assert.Equal(["players/10 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(0, capture.LastCapture!.TablesByMarker);

        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.True(capture.LastCapture!.Reconciled);

        await _db.SourceExecAsync(PlayerSql(12));
        Assert.Equal(["players/12 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);
    }

    [Fact]
    public async Task A_marker_poll_reads_the_changed_rows_by_index_without_scanning_the_table()
    {
        var capture = await MarkedSeededAndCapturedAsync();
        await _db.SourceExecAsync("""
            insert into players (id, parent_id, first_name, last_name, birth_year, contract_status)
                select g, 1, 'Kid', 'Bulk', 2013, 'none' from generate_series(100, 5099) g;
            analyze players;
            """);
        Assert.Equal(5000, (await _db.PollAsync(capture)).Events.Count);
        await SettleAsync(capture);
        var floor = (await CursorAsync("players")).GetProperty("xmin").GetUInt64();
        await _db.SourceExecAsync("update players set jersey_number = 4 where id in (200, 300)");

        Assert.Equal(2, (await _db.PollAsync(capture)).Events.Count);
        Assert.Equal(Tables, capture.LastCapture!.TablesByMarker);

        // The statement that poll ran, planned as the read-only role with the cursor it started from.
        await using var conn = new NpgsqlConnection(_db.SourceReadOnly);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"explain (format text) {CaptureSource.MarkerRowsSql(SourceContract.Players)}", conn);
        cmd.Parameters.Add(new NpgsqlParameter<ulong>("floor", NpgsqlDbType.Xid8) { TypedValue = floor });
        cmd.Parameters.Add(new NpgsqlParameter<uint[]>("seen", NpgsqlDbType.Array | NpgsqlDbType.Xid) { TypedValue = [] });
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join("\n", plan);
        Assert.Contains("players_change_xid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
    }
}

// A clock the test moves by hand: the capture reconciles when ReconcileInterval has passed on it.
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = 1;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
