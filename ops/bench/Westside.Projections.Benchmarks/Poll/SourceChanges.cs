using Npgsql;

namespace Westside.Projections.Benchmarks.Poll;

// Ten changed source rows per round, as basketball-api would write them: a contract signing (player +
// outbox row in one transaction), a contract status, a team assignment, a cash payment, an email, the
// outbox worker processing a row, a dues status, a parent's phone, a tournament fee. Random rows, seeded.
public sealed class SourceChanges
{
    public const int RowsPerRound = 10;

    private readonly Random _random = new(20260301);
    private readonly Dictionary<string, long> _maxIds;

    private SourceChanges(Dictionary<string, long> maxIds) => _maxIds = maxIds;

    public static async Task<SourceChanges> ForAsync(string sourceAdmin, CancellationToken ct)
    {
        var maxIds = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(sourceAdmin);
        await conn.OpenAsync(ct);
        foreach (var table in new[] { "teams", "parents", "players", "contracts", "subscriptions", "tournament_registrations", "outbox" })
        {
            await using var cmd = new NpgsqlCommand($"select coalesce(max(id), 0)::bigint from {table}", conn);
            maxIds[table] = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        return new SourceChanges(maxIds);
    }

    public async Task ApplyAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        var signing = Pick("players");
        await using (var tx = await admin.BeginTransactionAsync(ct))
        {
            await ExecAsync(admin, tx, "update players set contract_status = 'signed', updated_at = now() where id = @id", signing, ct);
            await ExecAsync(admin, tx, "insert into outbox (event_type, aggregate_id) values ('contract_signed', @id)", signing, ct);
            await tx.CommitAsync(ct);
        }

        await ExecAsync(admin, null, """
            update contracts set status = case when status = 'signed' then 'sent' else 'signed' end,
                                 signed_at = case when status = 'signed' then null else now() end
            where id = @id
            """, Pick("contracts"), ct);
        await ExecAsync(admin, null, """
            update players set team_id = case when team_id = @team then null else @team end, updated_at = now() where id = @id
            """, Pick("players"), ct, team: Pick("teams"));
        await ExecAsync(admin, null, """
            insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by) values (@id, 3500, 'cash', now(), 'Coach')
            """, Pick("players"), ct);
        await ExecAsync(admin, null, """
            insert into email_log (parent_id, player_id, email_type, subject, status)
            select parent_id, id, 'reminder', 'Reminder', 'sent' from players where id = @id
            """, Pick("players"), ct);
        await ExecAsync(admin, null, """
            update outbox set status = 'processed', attempts = attempts + 1, processed_at = now() where id = @id
            """, Pick("outbox"), ct);
        await ExecAsync(admin, null, """
            update subscriptions set status = case when status = 'active' then 'past_due' else 'active' end where id = @id
            """, Pick("subscriptions"), ct);
        await ExecAsync(admin, null, "update parents set phone = '555-02' || lpad((@id % 10000)::text, 4, '0') where id = @id",
            Pick("parents"), ct);
        await ExecAsync(admin, null, "update tournament_registrations set fee_paid = not fee_paid where id = @id",
            Pick("tournament_registrations"), ct);
    }

    private long Pick(string table) => 1 + _random.NextInt64(_maxIds[table]);

    private static async Task ExecAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, long id, CancellationToken ct, long? team = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        if (team is { } t)
        {
            cmd.Parameters.AddWithValue("team", (int)t);
        }

        var rows = await cmd.ExecuteNonQueryAsync(ct);
        if (rows != 1)
        {
            throw new InvalidOperationException($"A benchmark change touched {rows} rows instead of 1: {sql.Split('\n')[0]}");
        }
    }
}
