using Npgsql;

namespace Westside.Projections.Projector.Tests.Differential;

// The oracles' one way to ask the source: a query inside the context's REPEATABLE READ transaction,
// parameterised by name, each row mapped by the caller; plus null-tolerant getters for the nullable columns.
public static class SourceQuery
{
    public static Task<List<T>> RowsAsync<T>(
        this OracleContext context, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
        context.RowsAsync(sql, new Dictionary<string, object>(), map, ct);

    public static async Task<List<T>> RowsAsync<T>(
        this OracleContext context, string sql, IReadOnlyDictionary<string, object> parameters, Func<NpgsqlDataReader, T> map,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, context.Source);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? TextOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // A blank email or phone is no contact at all.
    public static string? ContactOrNull(this NpgsqlDataReader r, int i) => string.IsNullOrWhiteSpace(r.TextOrNull(i)) ? null : r.GetString(i);

    public static int? IntOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static long? LongOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static DateTimeOffset Time(this NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

    public static DateTimeOffset? TimeOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.Time(i);

    public static DateOnly Date(this NpgsqlDataReader r, int i) => r.GetFieldValue<DateOnly>(i);

    public static DateOnly? DateOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.Date(i);

    // The key every per-team document id and listing uses: "team:12", or "team:none" for players without one.
    public static string TeamKey(int? teamId) => teamId is { } id ? $"team:{id}" : "team:none";

    // "team:12" holds page 1; "team:12/page:2" and on hold the rest.
    public static string PageId(int? teamId, int page) => page == 1 ? TeamKey(teamId) : $"{TeamKey(teamId)}/page:{page}";

    // Names ordered as the documents promise: case-insensitive, compared code unit by code unit. Done
    // here rather than in SQL because the test cluster runs with the C locale, whose lower() leaves
    // accented capitals alone.
    public static string Fold(string? name) => (name ?? "").ToLowerInvariant();
}
