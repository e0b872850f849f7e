using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Capture;

// A fresh source (fixture schema, empty) and a fresh migrated store for ONE test, plus the capture's plumbing:
// the capture reads through the read-only role; the test writes the source as its owner.
public sealed class CaptureDatabases : SourceAndStore
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public const string SeedSql = """
        insert into teams (id, name, season, age_group, gender, coach_name, groupme_group_id, groupme_share_url, groupme_bot_token) values
            (1, '14U Black', '2026-spring', '14U', 'boys', 'Coach K', null, null, 'secret-token'),
            (2, '12U Gold', '2026-spring', '12U', 'girls', 'Coach J', 'g2', 'https://groupme.com/join_group/2/x', null);
        insert into parents (id, first_name, last_name, email, phone, password_hash) values
            (1, 'María', 'O''Neil', 'maria@example.org', null, 'hash');
        insert into players (id, parent_id, team_id, first_name, last_name, birth_year, grade, contract_status, jersey_size, jersey_number, medical_notes) values
            (1, 1, 1, 'Ana', 'O''Neil', 2012, 8, 'signed', 'YL', 12, 'asthma'),
            (2, 1, null, 'Leo <b>', 'O''Neil', 2014, 6, 'sent', null, null, null);
        insert into contracts (id, player_id, version, amount_cents, status, sent_at, signed_at, signer_name, signer_ip) values
            (1, 1, '2026-spring-v2', 45000, 'signed', '2026-02-01T10:00Z', '2026-02-03T10:00Z', 'María O''Neil', '10.0.0.1'),
            (2, 2, '2026-spring-v2', 45000, 'sent', '2026-02-01T10:00Z', null, null, null);
        insert into jersey_payments (id, player_id, amount_cents, method, paid_at, recorded_by, stripe_payment_id) values
            (1, 1, 3500, 'cash', '2026-02-05T18:00Z', 'Coach K', null);
        insert into subscriptions (id, player_id, parent_id, amount_cents, status, current_period_end) values
            (1, 1, 1, 6000, 'active', '2026-04-01');
        insert into tournaments (id, name, location, starts_on, ends_on, registration_deadline, fee_cents) values
            (1, 'Spring Classic', 'Main Gym', '2026-04-10', '2026-04-12', '2026-04-01', 25000);
        insert into tournament_registrations (id, tournament_id, team_id, player_id, status, fee_paid) values
            (1, 1, 1, 1, 'registered', false);
        insert into email_log (id, parent_id, player_id, email_type, subject, status) values
            (1, 1, 1, 'contract_signed', 'Welcome', 'sent');
        insert into outbox (id, event_type, aggregate_id, status, attempts, processed_at) values
            (1, 'contract_signed', 1, 'processed', 1, '2026-02-03T10:01Z');
        """;

    public const int SeedEvents = 13;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var store = NpgsqlDataSource.Create(Store);
        await StoreMigrator.MigrateAsync(store, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    public NpgsqlDataSource ReadOnlySource()
    {
        var dataSource = NpgsqlDataSource.Create(SourceReadOnly);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public XminChangeCapture NewCapture(ChangeCaptureOptions? options = null, params ISnapshotSampler[] samplers) =>
        new(ReadOnlySource(), samplers, Options.Create(options ?? new ChangeCaptureOptions()), TimeProvider.System,
            NullLogger<XminChangeCapture>.Instance);

    // One poll as the runtime does it: capture inside a store transaction, then commit.
    public Task<CaptureBatch> PollAsync(IChangeCapture capture) => InStoreAsync(capture.CaptureAsync);

    public Task<CaptureBatch> ResyncAsync(IChangeCapture capture) => InStoreAsync(capture.ResyncAsync);

    public static string PlayerSql(int id, int? teamId = null, string status = "none") =>
        $"insert into players (id, parent_id, team_id, first_name, last_name, birth_year, contract_status) " +
        $"values ({id}, 1, {(teamId is { } t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}, 'Kid{id}', 'Test', 2013, '{status}')";

    // Begins a source transaction that stays open across polls, with these statements already run in it.
    public Task<OpenSourceTransaction> BeginSourceTransactionAsync(params string[] statements) =>
        OpenSourceTransaction.BeginAsync(SourceAdmin, statements);

    // A batch as "table/key EventType" lines, in order: what a test asserts a poll emitted.
    public static List<string> Summary(CaptureBatch batch) =>
        batch.Events.Select(e => $"{e.SourceTable}/{e.SourceKey} {e.Event.GetType().Name}").ToList();

    public static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> SourceScalarAsync<T>(string sql) => await ScalarAsync<T>(SourceAdmin, sql);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<CaptureBatch> InStoreAsync(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<CaptureBatch>> run)
    {
        await using var store = new NpgsqlConnection(Store);
        await store.OpenAsync();
        await using var tx = await store.BeginTransactionAsync();
        var batch = await run(store, tx, CancellationToken.None);
        await tx.CommitAsync();
        return batch;
    }
}
