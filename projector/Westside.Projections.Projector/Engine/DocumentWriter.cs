using Npgsql;
using NpgsqlTypes;

namespace Westside.Projections.Projector.Engine;

// Writes documents of one projection generation. UpsertAsync is the incremental path (a batch's
// touched documents, in the caller's transaction); CopyAsync is the bulk path of a rebuild (binary
// COPY into a generation nobody reads yet). updated_seq is the log position the document was
// rendered at; an upsert that changes nothing leaves the row (and its updated_seq) alone.
public static class DocumentWriter
{
    private const int Chunk = 2000;

    public static async Task WriteAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, RenderedDocuments documents, int generation, long seq, CancellationToken ct)
    {
        for (var i = 0; i < documents.Upserts.Count; i += Chunk)
        {
            var chunk = documents.Upserts.Skip(i).Take(Chunk).ToList();
            await using var cmd = new NpgsqlCommand("""
                insert into documents as d (projection, generation, kind, id, sort_key, search, data, filters, updated_seq)
                select @projection, @generation, t.kind, t.id, t.sort_key, t.search, t.data::jsonb, t.filters::jsonb, @seq
                from unnest(@kinds, @ids, @sort_keys, @searches, @datas, @filters) as t(kind, id, sort_key, search, data, filters)
                on conflict (projection, generation, id) do update
                    set kind = excluded.kind, sort_key = excluded.sort_key, search = excluded.search,
                        data = excluded.data, filters = excluded.filters, updated_seq = excluded.updated_seq
                    where (d.kind, d.sort_key, d.search, d.data)
                          is distinct from (excluded.kind, excluded.sort_key, excluded.search, excluded.data)
                """, conn, tx);
            cmd.Parameters.AddWithValue("projection", documents.Projection);
            cmd.Parameters.AddWithValue("generation", generation);
            cmd.Parameters.AddWithValue("seq", seq);
            cmd.Parameters.AddWithValue("kinds", chunk.Select(d => d.Kind).ToArray());
            cmd.Parameters.AddWithValue("ids", chunk.Select(d => d.Id).ToArray());
            cmd.Parameters.AddWithValue("sort_keys", chunk.Select(d => d.SortKey).ToArray());
            cmd.Parameters.AddWithValue("searches", chunk.Select(d => d.Search).ToArray());
            cmd.Parameters.AddWithValue("datas", chunk.Select(d => d.Data).ToArray());
            cmd.Parameters.AddWithValue("filters", chunk.Select(d => d.Filters).ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }

        for (var i = 0; i < documents.Deletes.Count; i += Chunk)
        {
            await using var cmd = new NpgsqlCommand(
                "delete from documents where projection = @projection and generation = @generation and id = any(@ids)", conn, tx);
            cmd.Parameters.AddWithValue("projection", documents.Projection);
            cmd.Parameters.AddWithValue("generation", generation);
            cmd.Parameters.AddWithValue("ids", documents.Deletes.Skip(i).Take(Chunk).ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task CopyAsync(
        NpgsqlConnection conn, string projection, int generation, IEnumerable<DocumentRow> rows, long seq, CancellationToken ct)
    {
        await using var import = await conn.BeginBinaryImportAsync("""
            copy documents (projection, generation, kind, id, sort_key, search, data, filters, updated_seq)
            from stdin (format binary)
            """, ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(projection, NpgsqlDbType.Text, ct);
            await import.WriteAsync(generation, NpgsqlDbType.Integer, ct);
            await import.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
            await import.WriteAsync(row.Id, NpgsqlDbType.Text, ct);
            await import.WriteAsync(row.SortKey, NpgsqlDbType.Text, ct);
            await import.WriteAsync(row.Search, NpgsqlDbType.Text, ct);
            await import.WriteAsync(row.Data, NpgsqlDbType.Jsonb, ct);
            await import.WriteAsync(row.Filters, NpgsqlDbType.Jsonb, ct);
            await import.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
        }

        await import.CompleteAsync(ct);
    }
}
