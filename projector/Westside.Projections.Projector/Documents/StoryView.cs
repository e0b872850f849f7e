using System.Text;
using Npgsql;

namespace Westside.Projections.Projector.Documents;

// live_documents, the one view readers read (DocumentReader): each story on Marten from its table at its
// live version, with the columns and types of migration 0009's view. Replacing the view is one
// statement, made in the transaction that sets the projections' story_version: readers see the old
// tables or the new ones, never a mix, and their SQL never changes.
//
// A store the previous engine built still has its documents table: until every story of this release
// is on Marten, the view reads the others from it at their live generation. The replace that puts the
// last story on Marten drops that table with the view's branch over it (LegacyDocuments.Dropped).
public static class StoryView
{
    public const string Name = "live_documents";

    public const string LegacyTable = "documents";

    public static string Sql(IReadOnlyDictionary<string, uint> versions, bool legacy)
    {
        var sql = new StringBuilder($"""
            create or replace view {Name} as
            select null::text as projection, null::integer as generation, null::text as kind, null::text as id,
                   null::text as sort_key, null::text as search, null::jsonb as data, null::bigint as updated_seq,
                   null::jsonb as filters
            where false

            """);
        if (legacy)
        {
            sql.Append($"""
                union all
                select d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data, d.updated_seq, d.filters
                from {LegacyTable} d join projections p on p.name = d.projection and d.generation = p.live_generation
                where p.story_version is null

                """);
        }

        foreach (var (story, version) in versions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            sql.Append($"""
                union all
                select {Literal(story)}::text, {version}::integer, kind::text, id::text, sort_key::text, (data ->> 'search')::text,
                       data -> 'data', updated_seq::bigint, filters::jsonb
                from {StoryDocuments.TableName(story, version)}

                """);
        }

        return sql.ToString();
    }

    // The view over the stories at these versions; the previous engine's table is read for the stories
    // of the catalog not among them, or dropped when there are none left.
    public static async Task<LegacyDocuments> ReplaceAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyDictionary<string, uint> versions, IEnumerable<string> catalog,
        CancellationToken ct)
    {
        var legacy = await LegacyTableExistsAsync(conn, tx, ct);
        var keep = legacy && catalog.Any(name => !versions.ContainsKey(name));
        await using (var cmd = new NpgsqlCommand(Sql(versions, keep), conn, tx))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        if (legacy && !keep)
        {
            await using var drop = new NpgsqlCommand($"drop table {LegacyTable}", conn, tx);
            await drop.ExecuteNonQueryAsync(ct);
            return LegacyDocuments.Dropped;
        }

        return keep ? LegacyDocuments.Read : LegacyDocuments.None;
    }

    private static async Task<bool> LegacyTableExistsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select to_regclass('{LegacyTable}') is not null", conn, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

// What became of the previous engine's documents table in a replace of the view.
public enum LegacyDocuments
{
    // No such table (a store this engine started, or one whose upgrade is done).
    None,

    // Still read for the stories not on Marten yet.
    Read,

    // Dropped: every story of the catalog is on Marten.
    Dropped,
}
