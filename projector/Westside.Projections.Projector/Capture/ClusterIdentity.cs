using System.Globalization;
using Npgsql;

namespace Westside.Projections.Projector.Capture;

// Whether the store lives in the source's PostgreSQL cluster (the demo's case), where transaction ids are
// shared: then the capture's own store commit is a finished transaction in the source's snapshots too.
internal static class ClusterIdentity
{
    // pg_control_system() is executable by PUBLIC by default; a cluster that revokes it simply counts as
    // "not shared", the safe answer. The privilege is checked first: a failing statement would abort the
    // caller's store transaction.
    private const string Sql = """
        select case when has_function_privilege('pg_control_system()', 'execute')
                    then (select system_identifier from pg_control_system()) end
        """;

    public static async Task<bool> SharedAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction storeTx, CancellationToken ct)
    {
        await using var inSource = new NpgsqlCommand(Sql, source);
        await using var inStore = new NpgsqlCommand(Sql, store, storeTx);
        var sourceId = await inSource.ExecuteScalarAsync(ct);
        var storeId = await inStore.ExecuteScalarAsync(ct);
        return sourceId is long a && storeId is long b && a == b;
    }

    // The store transaction's id, assigned now if it has none yet (it is about to write anyway).
    public static async Task<ulong?> TransactionIdAsync(NpgsqlConnection store, NpgsqlTransaction storeTx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_current_xact_id()::text", store, storeTx);
        return await cmd.ExecuteScalarAsync(ct) is string text ? ulong.Parse(text, CultureInfo.InvariantCulture) : null;
    }
}
