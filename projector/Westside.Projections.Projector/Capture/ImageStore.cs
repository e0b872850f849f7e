using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Westside.Projections.Projector.Capture;

// The capture's store SQL: row images (source_rows) and table cursors (source_state), always through the
// caller's store transaction, each call one round trip for all tables.
internal static class ImageStore
{
    private static readonly JsonSerializerOptions CursorJson = new(JsonSerializerDefaults.Web);

    public static async Task<Dictionary<string, TableCursor>> LoadCursorsAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, IReadOnlyList<string> tables, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select source_table, state::text from source_state where source_table = any(@tables)", store, tx);
        cmd.Parameters.AddWithValue("tables", tables.ToArray());
        var cursors = new Dictionary<string, TableCursor>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cursors[reader.GetString(0)] = JsonSerializer.Deserialize<TableCursor>(reader.GetString(1), CursorJson)
                ?? throw new InvalidOperationException($"source_state of {reader.GetString(0)} is empty.");
        }

        return cursors;
    }

    // The images of the fetched rows; of tables read in full, every image (the removals are among them).
    public static Task LookupAsync(NpgsqlConnection store, NpgsqlTransaction tx, IReadOnlyList<TableWork> works, CancellationToken ct)
    {
        var steps = new List<BatchStep>();
        foreach (var work in works)
        {
            NpgsqlBatchCommand cmd;
            if (work.Plan.Mode == ReadMode.All)
            {
                cmd = new NpgsqlBatchCommand("select source_key, data::text from source_rows where source_table = @table");
            }
            else if (work.Rows.Count > 0)
            {
                cmd = new NpgsqlBatchCommand(
                    "select source_key, data::text from source_rows where source_table = @table and source_key = any(@keys)");
                cmd.Parameters.AddWithValue("keys", work.Rows.Select(r => Key(r.Key)).ToArray());
            }
            else
            {
                continue;
            }

            cmd.Parameters.AddWithValue("table", work.Plan.Table.Name);
            steps.Add(new BatchStep(cmd, r => work.Images[ParseKey(r.GetString(0))] = r.GetString(1)));
        }

        return BatchStep.RunAsync(store, tx, steps, ct);
    }

    public static async Task<Dictionary<TableWork, HashSet<long>>> KeysAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, IReadOnlyList<TableWork> works, CancellationToken ct)
    {
        var keys = works.ToDictionary(w => w, _ => new HashSet<long>());
        var steps = works.Select(w =>
        {
            var cmd = new NpgsqlBatchCommand("select source_key from source_rows where source_table = @table");
            cmd.Parameters.AddWithValue("table", w.Plan.Table.Name);
            return new BatchStep(cmd, r => keys[w].Add(ParseKey(r.GetString(0))));
        }).ToList();
        await BatchStep.RunAsync(store, tx, steps, ct);
        return keys;
    }

    public static async Task WriteAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, IReadOnlyList<(TableWork Work, TableCursor Cursor)> tables, long poll,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(store, tx);
        foreach (var (work, _) in tables)
        {
            if (work.Writes.Count > 0)
            {
                var upsert = new NpgsqlBatchCommand("""
                    insert into source_rows (source_table, source_key, data, seen_seq)
                    select @table, u.k, u.d::jsonb, @poll from unnest(@keys::text[], @data::text[]) as u(k, d)
                    on conflict (source_table, source_key) do update set data = excluded.data, seen_seq = excluded.seen_seq
                    """);
                upsert.Parameters.AddWithValue("table", work.Plan.Table.Name);
                upsert.Parameters.AddWithValue("poll", poll);
                upsert.Parameters.AddWithValue("keys", work.Writes.Select(w => Key(w.Key)).ToArray());
                upsert.Parameters.AddWithValue("data", work.Writes.Select(w => w.Image).ToArray());
                batch.BatchCommands.Add(upsert);
            }

            if (work.Removed.Count > 0)
            {
                var delete = new NpgsqlBatchCommand(
                    "delete from source_rows where source_table = @table and source_key = any(@keys)");
                delete.Parameters.AddWithValue("table", work.Plan.Table.Name);
                delete.Parameters.AddWithValue("keys", work.Removed.Select(Key).ToArray());
                batch.BatchCommands.Add(delete);
            }
        }

        var cursors = new NpgsqlBatchCommand("""
            insert into source_state (source_table, state, updated_at)
            select u.t, u.s::jsonb, now() from unnest(@tables::text[], @states::text[]) as u(t, s)
            on conflict (source_table) do update set state = excluded.state, updated_at = excluded.updated_at
            """);
        cursors.Parameters.AddWithValue("tables", tables.Select(t => t.Work.Plan.Table.Name).ToArray());
        cursors.Parameters.AddWithValue("states", tables.Select(t => JsonSerializer.Serialize(t.Cursor, CursorJson)).ToArray());
        batch.BatchCommands.Add(cursors);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);

    private static long ParseKey(string key) => long.Parse(key, CultureInfo.InvariantCulture);
}
