using Npgsql;

namespace Westside.Projections.Projector.Source;

// Every table and column of SourceContract exists in the source and is SELECT-able by the role.
// Each gap is reported by table.column with the GRANT that closes it.
public static class ContractCheck
{
    public sealed record Gap(string Table, string? Column, string Problem, string Fix)
    {
        public override string ToString() =>
            $"{(Column is null ? Table : $"{Table}.{Column}")}: {Problem} — fix: {Fix}";
    }

    public static async Task<IReadOnlyList<Gap>> InspectAsync(NpgsqlConnection source, CancellationToken ct)
    {
        var gaps = new List<Gap>();
        var role = await ScalarAsync<string>(source, "select current_user::text", ct);
        if (!await ScalarAsync<bool>(source, $"select has_schema_privilege('{SourceContract.Schema}', 'USAGE')", ct))
        {
            gaps.Add(new Gap(SourceContract.Schema, null, "schema not usable by the role",
                $"GRANT USAGE ON SCHEMA {SourceContract.Schema} TO {Quote(role)};"));
            return gaps;
        }

        foreach (var table in SourceContract.Tables)
        {
            var qualified = $"{SourceContract.Schema}.{table.Name}";
            var columns = await ColumnsAsync(source, qualified, ct);
            if (columns is null)
            {
                gaps.Add(new Gap(table.Name, null, "table does not exist in the source",
                    $"the source schema must have table {qualified} (basketball-api migration missing?)"));
                continue;
            }

            foreach (var column in table.Columns.Concat(SourceContract.SystemColumns))
            {
                if (!columns.TryGetValue(column, out var readable))
                {
                    gaps.Add(new Gap(table.Name, column, "column does not exist in the source",
                        $"align SourceContract.{table.Name} with the source schema, or add the column in basketball-api"));
                }
                else if (!readable)
                {
                    gaps.Add(new Gap(table.Name, column, "column is not readable by the role",
                        $"GRANT SELECT ({column}) ON {qualified} TO {Quote(role)};"));
                }
            }
        }

        return gaps;
    }

    // Column name -> readable by current_user; null when the table does not exist.
    private static async Task<Dictionary<string, bool>?> ColumnsAsync(NpgsqlConnection source, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select a.attname::text, has_column_privilege(a.attrelid, a.attnum, 'SELECT')
            from pg_attribute a
            where a.attrelid = to_regclass(@t) and not a.attisdropped and (a.attnum > 0 or a.attname = 'xmin')
            """, source);
        cmd.Parameters.AddWithValue("t", table);
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                result[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }

        if (result.Count > 0)
        {
            return result;
        }

        return await ScalarAsync<bool>(source, $"select to_regclass('{table}') is not null", ct) ? result : null;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    internal static string Quote(string identifier) =>
        identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? identifier : $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
