using Npgsql;
using Westside.Projections.Fixture.Loading;

namespace Westside.Projections.Fixture.Tests.Loading;

public class FixtureLoaderTests(LoadedDemoSource source) : IClassFixture<LoadedDemoSource>
{
    // The columns 0002_westside_projections_readonly_role.sql grants, table by table.
    private static readonly Dictionary<string, string> GrantedColumns = new()
    {
        ["teams"] = "xmin, id, name, season, age_group, gender, coach_name, groupme_group_id, groupme_share_url, created_at",
        ["parents"] = "xmin, id, first_name, last_name, email, phone, created_at",
        ["players"] = "xmin, id, parent_id, team_id, first_name, last_name, birth_year, grade, contract_status, jersey_size, jersey_number, created_at, updated_at",
        ["contracts"] = "xmin, id, player_id, version, amount_cents, status, sent_at, signed_at, declined_at, signer_name",
        ["jersey_payments"] = "xmin, id, player_id, amount_cents, method, paid_at, recorded_by, note",
        ["subscriptions"] = "xmin, id, player_id, parent_id, plan, amount_cents, status, current_period_end, created_at",
        ["tournaments"] = "xmin, id, name, location, starts_on, ends_on, registration_deadline, fee_cents",
        ["tournament_registrations"] = "xmin, id, tournament_id, team_id, player_id, status, fee_paid, registered_at",
        ["email_log"] = "xmin, id, parent_id, player_id, email_type, status, error, sent_at",
        ["outbox"] = "xmin, id, event_type, aggregate_id, status, attempts, last_error, created_at, processed_at",
    };

    // An insert with every required column but the id, per table.
    private static readonly Dictionary<string, string> InsertWithoutId = new()
    {
        ["teams"] = "insert into teams (name, season, age_group, gender) values ('New', '2026 Fall', '12U', 'boys') returning id",
        ["parents"] = "insert into parents (first_name, last_name) values ('New', 'Parent') returning id",
        ["players"] = "insert into players (parent_id, first_name, last_name, birth_year) values (1, 'New', 'Player', 2014) returning id",
        ["contracts"] = "insert into contracts (player_id, version, amount_cents, status, sent_at) values (1, 'v', 1, 'sent', now()) returning id",
        ["jersey_payments"] = "insert into jersey_payments (player_id, amount_cents, method, paid_at) values (1, 1, 'cash', now()) returning id",
        ["subscriptions"] = "insert into subscriptions (player_id, parent_id, amount_cents, status, current_period_end) values (1, 1, 1, 'active', current_date) returning id",
        ["tournaments"] = "insert into tournaments (name, starts_on, ends_on, fee_cents) values ('New', current_date, current_date, 1) returning id",
        ["tournament_registrations"] = "insert into tournament_registrations (tournament_id, team_id, status) values (1, 1, 'registered') returning id",
        ["email_log"] = "insert into email_log (email_type, subject, status) values ('announcement', 'New', 'sent') returning id",
        ["outbox"] = "insert into outbox (event_type, aggregate_id) values ('contract_signed', 1) returning id",
    };

    [Fact]
    public async Task Every_table_holds_exactly_the_generated_rows()
    {
        await using var conn = await OpenAsync(source.SourceAdmin);
        foreach (var table in SourceTables.All)
        {
            var expected = table.Count(source.Data);
            Assert.True(expected > 0, table.Name);
            Assert.Equal(expected, await ScalarAsync<long>(conn, $"select count(*) from {table.Name}"));
            Assert.Equal(expected, source.Loaded.Single(l => l.Table == table.Name).Rows);
        }
    }

    [Fact]
    public async Task Rows_read_back_exactly_as_generated_including_odd_names_and_timestamps()
    {
        await using var conn = await OpenAsync(source.SourceAdmin);
        Assert.Equal(source.Data.Parents, await ReadAsync(conn, "select id, first_name, last_name, email, phone, created_at from parents order by id",
            r => new ParentRow(r.GetInt32(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), r.GetFieldValue<DateTimeOffset>(5))));
        Assert.Equal(source.Data.Players, await ReadAsync(conn,
            "select id, parent_id, team_id, first_name, last_name, birth_year, grade, contract_status, jersey_size, jersey_number, created_at, updated_at from players order by id",
            r => new PlayerRow(r.GetInt32(0), r.GetInt32(1), Null<int>(r, 2), r.GetString(3), r.GetString(4), r.GetInt32(5), Null<int>(r, 6),
                r.GetString(7), Text(r, 8), Null<int>(r, 9), r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11))));
        Assert.Equal(source.Data.Contracts, await ReadAsync(conn,
            "select id, player_id, version, amount_cents, status, sent_at, signed_at, declined_at, signer_name from contracts order by id",
            r => new ContractRow(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5),
                Null<DateTimeOffset>(r, 6), Null<DateTimeOffset>(r, 7), Text(r, 8))));
        Assert.Equal(source.Data.Subscriptions, await ReadAsync(conn,
            "select id, player_id, parent_id, plan, amount_cents, status, current_period_end, created_at from subscriptions order by id",
            r => new SubscriptionRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), r.GetString(5),
                r.GetFieldValue<DateOnly>(6), r.GetFieldValue<DateTimeOffset>(7))));
        Assert.Equal(source.Data.Tournaments, await ReadAsync(conn,
            "select id, name, location, starts_on, ends_on, registration_deadline, fee_cents from tournaments order by id",
            r => new TournamentRow(r.GetInt32(0), r.GetString(1), Text(r, 2), r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4),
                Null<DateOnly>(r, 5), r.GetInt32(6))));
        Assert.Equal(source.Data.Outbox, await ReadAsync(conn,
            "select id, event_type, aggregate_id, status, attempts, last_error, created_at, processed_at from outbox order by id",
            r => new OutboxRow(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), Text(r, 5),
                r.GetFieldValue<DateTimeOffset>(6), Null<DateTimeOffset>(r, 7))));
    }

    [Fact]
    public async Task Inserts_without_an_id_continue_after_the_loaded_ids()
    {
        await using var conn = await OpenAsync(source.SourceAdmin);
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var table in SourceTables.All)
        {
            var id = await ScalarAsync<object>(conn, InsertWithoutId[table.Name]);
            Assert.Equal(table.Count(source.Data) + 1, Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture));
        }

        await tx.RollbackAsync();
    }

    [Fact]
    public async Task The_read_only_role_can_select_every_granted_column()
    {
        await using var conn = await OpenAsync(source.SourceReadOnly);
        foreach (var table in SourceTables.All)
        {
            var count = await ScalarAsync<long>(conn, $"select count(*) from (select {GrantedColumns[table.Name]} from {table.Name}) granted");
            Assert.Equal(table.Count(source.Data), count);
        }
    }

    [Theory]
    [InlineData("parents", "password_hash")]
    [InlineData("teams", "groupme_bot_token")]
    [InlineData("contracts", "signer_ip")]
    [InlineData("jersey_payments", "stripe_payment_id")]
    [InlineData("email_log", "subject")]
    [InlineData("outbox", "payload")]
    public async Task The_read_only_role_cannot_select_what_the_projector_never_needs(string table, string column)
    {
        await using var conn = await OpenAsync(source.SourceReadOnly);
        var e = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>(conn, $"select {column} from {table} limit 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    [Fact]
    public async Task Columns_the_projector_never_reads_hold_values_where_basketball_api_would_fill_them()
    {
        await using var conn = await OpenAsync(source.SourceAdmin);
        var d = source.Data;
        Assert.Equal(d.Contracts.Count(c => c.Status == "signed"), await ScalarAsync<long>(conn, "select count(*) from contracts where signer_ip is not null and signature_token is not null"));
        Assert.Equal(d.JerseyPayments.Count(j => j.Method == "stripe"), await ScalarAsync<long>(conn, "select count(*) from jersey_payments where stripe_payment_id is not null"));
        Assert.Equal(d.Subscriptions.Count, await ScalarAsync<long>(conn, "select count(*) from subscriptions where stripe_customer_id like 'cus_demo_%'"));
        Assert.Equal(d.Outbox.Count, await ScalarAsync<long>(conn, "select count(*) from outbox where (payload->>'player_id')::int = aggregate_id"));
        Assert.Equal(0L, await ScalarAsync<long>(conn, "select count(*) from parents where password_hash is not null or keycloak_sub is not null"));
    }

    [Fact]
    public async Task Loading_into_a_database_that_has_rows_is_refused_and_changes_nothing()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => FixtureLoader.LoadAsync(source.SourceAdmin, source.Data, CancellationToken.None));
        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        await using var conn = await OpenAsync(source.SourceAdmin);
        Assert.Equal(source.Data.Players.Count, await ScalarAsync<long>(conn, "select count(*) from players"));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection conn, string sql, Func<NpgsqlDataReader, T> map)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static T? Null<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
