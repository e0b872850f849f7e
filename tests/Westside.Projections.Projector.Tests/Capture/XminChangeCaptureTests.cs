using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Events;
using Xunit;
using static Westside.Projections.Projector.Tests.Capture.CaptureDatabases;

namespace Westside.Projections.Projector.Tests.Capture;

// Each test owns a fresh source and store (xunit makes one instance per test).
public sealed class XminChangeCaptureTests : IAsyncLifetime
{
    private readonly CaptureDatabases _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<XminChangeCapture> SeededAndCapturedAsync(ChangeCaptureOptions? options = null)
    {
        await _db.SourceExecAsync(SeedSql);
        var capture = _db.NewCapture(options);
        var first = await _db.PollAsync(capture);
        Assert.Equal(SeedEvents, first.Events.Count);
        return capture;
    }

    [Fact]
    public async Task The_first_capture_emits_every_row_as_added_in_dependency_order_then_nothing_more()
    {
        await _db.SourceExecAsync(SeedSql);
        var capture = _db.NewCapture();

        var batch = await _db.PollAsync(capture);

        Assert.Equal(
        [
            "teams/1 TeamAdded", "teams/2 TeamAdded", "parents/1 ParentRegistered",
            "players/1 PlayerRegistered", "players/2 PlayerRegistered",
            "contracts/1 ContractSigned", "contracts/2 ContractSent", "jersey_payments/1 JerseyPaymentRecorded",
            "subscriptions/1 SubscriptionStarted", "tournaments/1 TournamentScheduled",
            "tournament_registrations/1 TournamentRegistrationChanged", "email_log/1 EmailLogged", "outbox/1 OutboxEventProcessed",
        ], Summary(batch));
        var ana = Assert.IsType<PlayerRegistered>(batch.Events[3].Event).Row;
        Assert.Equal((1, 1, (int?)1, "Ana", "O'Neil", "signed", 12), (ana.Id, ana.ParentId, ana.TeamId, ana.FirstName, ana.LastName, ana.ContractStatus, ana.JerseyNumber));
        Assert.Equal("María", Assert.IsType<ParentRegistered>(batch.Events[2].Event).Row.FirstName);
        Assert.InRange(batch.SourceSnapshotAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        await _db.SourceExecAsync("insert into tournaments (id, name, starts_on, ends_on, fee_cents) values (2, 'Fall', '2026-10-01', '2026-10-02', 0)");
        Assert.Equal(["tournaments/2 TournamentScheduled"], Summary(await _db.PollAsync(capture)));
        Assert.Equal(1, capture.LastCapture!.RowsFetched);
    }

    [Fact]
    public async Task A_row_committed_late_by_a_transaction_open_at_the_previous_poll_is_captured()
    {
        var capture = await SeededAndCapturedAsync();
        await using var open = await _db.BeginSourceTransactionAsync(PlayerSql(10), "update players set jersey_number = 7 where id = 2");

        // A later transaction commits first: an id or updated_at watermark would now be past player 10.
        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));

        await open.CommitAsync();
        Assert.Equal(["players/2 PlayerChanged", "players/10 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        await _db.SourceExecAsync(PlayerSql(12));
        Assert.Equal(["players/12 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
    }

    [Fact]
    public async Task A_row_written_in_a_savepoint_by_a_transaction_open_at_the_previous_poll_is_captured()
    {
        var capture = await SeededAndCapturedAsync();
        await using var open = await _db.BeginSourceTransactionAsync(
            "update parents set phone = '555-0100' where id = 1", $"savepoint s; {PlayerSql(10)}; release savepoint s");
        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        await open.CommitAsync();

        // The trap this test guards: the previous snapshot omits the savepoint's subtransaction id, so
        // pg_visible_in_snapshot() calls the row's xmin visible there although it committed only now.
        var previous = await _db.StoreScalarAsync<string>("select state->>'snapshot' from source_state where source_table = 'players'");
        Assert.True(await _db.SourceScalarAsync<bool>(
            $"select pg_visible_in_snapshot(xmin::text::xid8, '{previous}') from players where id = 10"));

        Assert.Equal(["parents/1 ParentContactChanged", "players/10 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
    }

    [Fact]
    public async Task Updates_produce_the_events_of_what_changed()
    {
        var capture = await SeededAndCapturedAsync();
        await _db.SourceExecAsync("""
            update players set team_id = 2, contract_status = 'declined', updated_at = now() where id = 2;
            update contracts set status = 'declined', declined_at = now() where id = 2;
            update teams set groupme_share_url = 'https://groupme.com/join_group/1/y', groupme_group_id = 'g1' where id = 1;
            update parents set phone = '555-0199' where id = 1;
            update subscriptions set status = 'past_due' where id = 1;
            update tournament_registrations set status = 'withdrawn' where id = 1;
            insert into outbox (id, event_type, aggregate_id) values (2, 'contract_signed', 2);
            update outbox set attempts = 2 where id = 1;
            """);

        var batch = await _db.PollAsync(capture);

        Assert.Equal(
        [
            "teams/1 TeamGroupMeLinkChanged", "parents/1 ParentContactChanged",
            "players/2 PlayerAssignedToTeam", "players/2 PlayerContractStatusChanged", "contracts/2 ContractDeclined",
            "subscriptions/1 SubscriptionStatusChanged", "tournament_registrations/1 TournamentRegistrationChanged",
            "outbox/1 OutboxEventChanged", "outbox/2 OutboxEventQueued",
        ], Summary(batch));
        var assigned = Assert.IsType<PlayerAssignedToTeam>(batch.Events[2].Event);
        Assert.Equal((null, 2, "declined"), (assigned.PreviousTeamId, assigned.Row.TeamId, assigned.Row.ContractStatus));
        Assert.Equal("sent", Assert.IsType<PlayerContractStatusChanged>(batch.Events[3].Event).PreviousStatus);
        Assert.Equal("active", Assert.IsType<SubscriptionStatusChanged>(batch.Events[5].Event).PreviousStatus);
        Assert.Equal("registered", Assert.IsType<TournamentRegistrationChanged>(batch.Events[6].Event).PreviousStatus);
        Assert.NotNull(Assert.IsType<ContractDeclined>(batch.Events[4].Event).Row.DeclinedAt);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_emits_no_event()
    {
        var capture = await SeededAndCapturedAsync();
        await _db.SourceExecAsync("update players set first_name = first_name where id = 1; update outbox set status = status");

        var batch = await _db.PollAsync(capture);

        Assert.Empty(batch.Events);
        Assert.Equal(2, capture.LastCapture!.RowsFetched); // the new row versions were read and compared
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task Deleted_rows_are_detected_by_reconciliation()
    {
        var capture = await SeededAndCapturedAsync(new ChangeCaptureOptions { ReconcileEveryPolls = 1 });
        await _db.SourceExecAsync("delete from contracts where id = 2; delete from players where id = 2; delete from outbox");

        var batch = await _db.PollAsync(capture);

        // Removals in reverse dependency order: the contract goes before its player.
        Assert.Equal(["outbox/1 OutboxEventRemoved", "contracts/2 ContractRemoved", "players/2 PlayerRemoved"], Summary(batch));
        Assert.Equal(2L, Assert.IsType<PlayerRemoved>(batch.Events[2].Event).Key);
        Assert.Equal(0L, await _db.StoreScalarAsync<long>(
            "select count(*) from source_rows where (source_table, source_key) in (('players', '2'), ('contracts', '2'), ('outbox', '1'))"));
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task Deletes_wait_for_the_next_reconciliation_and_are_reported_once()
    {
        var capture = await SeededAndCapturedAsync(new ChangeCaptureOptions { ReconcileEveryPolls = 3, ReconcileInterval = TimeSpan.FromHours(1) });
        await _db.SourceExecAsync("delete from email_log where id = 1");

        Assert.Empty((await _db.PollAsync(capture)).Events);
        Assert.False(capture.LastCapture!.Reconciled);
        Assert.Empty((await _db.PollAsync(capture)).Events);
        Assert.Equal(["email_log/1 EmailLogRemoved"], Summary(await _db.PollAsync(capture)));
        Assert.True(capture.LastCapture!.Reconciled);
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task A_rolled_back_insert_never_appears()
    {
        var capture = await SeededAndCapturedAsync(new ChangeCaptureOptions { ReconcileEveryPolls = 1 });
        await using (var open = await _db.BeginSourceTransactionAsync(PlayerSql(10), "update players set jersey_number = 99 where id = 1"))
        {
            Assert.Empty((await _db.PollAsync(capture)).Events);
            await open.RollbackAsync();
        }

        await _db.SourceExecAsync(PlayerSql(11));
        Assert.Equal(["players/11 PlayerRegistered"], Summary(await _db.PollAsync(capture)));
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task Two_changes_to_one_row_between_polls_emit_the_final_state_once()
    {
        var capture = await SeededAndCapturedAsync();
        await _db.SourceExecAsync("update players set jersey_number = 20 where id = 1");
        await _db.SourceExecAsync("update players set jersey_number = 21, jersey_size = 'AS' where id = 1");

        var batch = await _db.PollAsync(capture);

        var changed = Assert.IsType<PlayerChanged>(Assert.Single(batch.Events).Event);
        Assert.Equal((21, "AS"), (changed.Row.JerseyNumber, changed.Row.JerseySize));
    }

    [Fact]
    public async Task Resync_after_a_lost_image_emits_only_the_differences()
    {
        var capture = await SeededAndCapturedAsync();
        await using (var store = new Npgsql.NpgsqlConnection(_db.Store))
        {
            await store.OpenAsync();
            await ExecAsync(store, null, "delete from source_rows where source_table = 'players' and source_key = '1'");
        }

        await _db.SourceExecAsync("update contracts set amount_cents = 40000 where id = 1; delete from email_log where id = 1");

        var batch = await _db.ResyncAsync(capture);

        Assert.Equal(["players/1 PlayerRegistered", "contracts/1 ContractChanged", "email_log/1 EmailLogRemoved"], Summary(batch));
        Assert.True(capture.LastCapture!.Resync);
        Assert.Equal(CaptureDatabases.SeedEvents - 1, capture.LastCapture.RowsFetched);
        Assert.Equal(12L, await _db.StoreScalarAsync<long>("select count(*) from source_rows"));
        Assert.Empty((await _db.PollAsync(capture)).Events);
        Assert.Empty((await _db.ResyncAsync(capture)).Events);
    }

    [Fact]
    public async Task A_lost_image_found_by_reconciliation_is_emitted_again()
    {
        var capture = await SeededAndCapturedAsync(new ChangeCaptureOptions { ReconcileEveryPolls = 1 });
        await using (var store = new Npgsql.NpgsqlConnection(_db.Store))
        {
            await store.OpenAsync();
            // Lose an image and make the fingerprint honest about it, as a restored store could be.
            await ExecAsync(store, null, """
                delete from source_rows where source_table = 'jersey_payments';
                update source_state set state = jsonb_set(jsonb_set(state, '{count}', '0'), '{idHashSum}', '0') where source_table = 'jersey_payments';
                """);
        }

        Assert.Equal(["jersey_payments/1 JerseyPaymentRecorded"], Summary(await _db.PollAsync(capture)));
        Assert.Empty((await _db.PollAsync(capture)).Events);
    }

    [Fact]
    public async Task A_changed_row_in_a_big_table_is_found_without_fetching_the_others()
    {
        await _db.SourceExecAsync(SeedSql + """
            insert into players (id, parent_id, team_id, first_name, last_name, birth_year, contract_status)
            select i, 1, 1 + i % 2, 'Kid' || i, 'Bulk', 2010 + i % 8, 'none' from generate_series(100, 5099) i;
            """);
        var capture = _db.NewCapture(new ChangeCaptureOptions { ReconcileEveryPolls = 1 });
        Assert.Equal(SeedEvents + 5000, (await _db.PollAsync(capture)).Events.Count);

        await _db.SourceExecAsync("update players set contract_status = 'sent' where id in (150, 2500, 5000)");
        var batch = await _db.PollAsync(capture);

        Assert.Equal(["players/150 PlayerContractStatusChanged", "players/2500 PlayerContractStatusChanged", "players/5000 PlayerContractStatusChanged"], Summary(batch));
        var stats = capture.LastCapture!;
        Assert.Equal(3, stats.RowsFetched);
        Assert.InRange(stats.BytesFetched, 1, 3 * 200 + 10 * 31); // three player rows plus ten fingerprint rows
        Assert.True(stats.Reconciled);
    }

    [Fact]
    public async Task Samplers_run_inside_the_poll_snapshot_of_the_read_only_transaction()
    {
        await _db.SourceExecAsync(SeedSql);
        var sampler = new SnapshotRecordingSampler();
        var capture = _db.NewCapture(samplers: sampler);

        var batch = await _db.PollAsync(capture);

        var seen = Assert.Single(sampler.Samples);
        Assert.Equal(("on", "repeatable read"), (seen.ReadOnly, seen.Isolation));
        Assert.Equal(batch.SourceSnapshotAt, seen.At);
        Assert.Equal(await _db.StoreScalarAsync<string>("select state->>'snapshot' from source_state where source_table = 'outbox'"), seen.Snapshot);
        Assert.True(seen.StoreTransactionOpen);
    }

    [Fact]
    public async Task The_capture_reads_through_the_read_only_role_without_permission_errors()
    {
        await _db.SourceExecAsync(SeedSql);
        var source = _db.ReadOnlySource();
        await using (var conn = await source.OpenConnectionAsync())
        {
            await using var whoami = new Npgsql.NpgsqlCommand("select current_user::text", conn);
            Assert.Equal(Testing.PostgresServer.ReadOnlyRole, await whoami.ExecuteScalarAsync());
            Assert.Empty(await ReadOnlyGuard.InspectAsync(conn, CancellationToken.None));
        }

        var capture = _db.NewCapture(new ChangeCaptureOptions { ReconcileEveryPolls = 1 });
        Assert.Equal(SeedEvents, (await _db.PollAsync(capture)).Events.Count);
        await _db.SourceExecAsync("delete from email_log; update players set grade = 9 where id = 1");
        Assert.Equal(["players/1 PlayerChanged", "email_log/1 EmailLogRemoved"], Summary(await _db.PollAsync(capture)));
        Assert.Empty((await _db.ResyncAsync(capture)).Events);
    }

    [Fact]
    public async Task The_kept_fingerprints_equal_the_sources_count_and_hashint8_sum()
    {
        await _db.SourceExecAsync(SeedSql + "insert into outbox (id, event_type, aggregate_id) select i, 'x', 1 from generate_series(5000000000, 5000000100) i;");
        var capture = _db.NewCapture();
        await _db.PollAsync(capture);

        foreach (var table in SourceContract.Tables)
        {
            var source = await _db.SourceScalarAsync<string>(
                $"select count(*) || ':' || coalesce(sum(hashint8(id::bigint)), 0) from {table.Name}");
            var kept = await _db.StoreScalarAsync<string>(
                $"select (state->>'count') || ':' || (state->>'idHashSum') from source_state where source_table = '{table.Name}'");
            Assert.Equal(source, kept);
        }
    }

    private sealed class SnapshotRecordingSampler : ISnapshotSampler
    {
        public sealed record Sample(string Snapshot, string ReadOnly, string Isolation, DateTimeOffset At, bool StoreTransactionOpen);

        public List<Sample> Samples { get; } = [];

        public async Task SampleAsync(
            Npgsql.NpgsqlConnection source, Npgsql.NpgsqlConnection store, Npgsql.NpgsqlTransaction storeTransaction,
            DateTimeOffset snapshotAt, CancellationToken ct)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(
                "select pg_current_snapshot()::text, current_setting('transaction_read_only'), current_setting('transaction_isolation')",
                source);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            Samples.Add(new Sample(reader.GetString(0), reader.GetString(1), reader.GetString(2), snapshotAt, storeTransaction.Connection is not null));
        }
    }
}
