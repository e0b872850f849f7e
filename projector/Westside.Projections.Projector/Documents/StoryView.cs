using System.Text;
using Npgsql;

namespace Westside.Projections.Projector.Documents;

// live_documents, the one view readers read (DocumentReader): each story on Marten from its table at its
// live version, and every other projection from the engine's documents at its live generation (a store
// the previous engine built, until each story's table is built), with the columns and types of
// migration 0009's view. Replacing the view is one statement, made in the transaction that sets the
// projections' story_version: readers see the old tables or the new ones, never a mix, and their SQL
// never changes.
public static class StoryView
{
    public const string Name = "live_documents";

    public static string Sql(IReadOnlyDictionary<string, uint> versions)
    {
        var sql = new StringBuilder($"""
            create or replace view {Name} as
            select d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data, d.updated_seq, d.filters
            from documents d join projections p on p.name = d.projection and d.generation = p.live_generation
            where p.story_version is null

            """);
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

    public static async Task ReplaceAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyDictionary<string, uint> versions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql(versions), conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
