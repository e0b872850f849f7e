using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Westside.Projections.Projector.Documents;

// live_documents, the one view readers read (DocumentReader), over Marten's story tables: each story's
// table at its live version, with the columns and types of migration 0009's view over the engine's
// documents. Replacing the view is one statement: readers see the old tables or the new ones, never a mix,
// and their SQL never changes.
public static partial class StoryView
{
    public const string Name = "live_documents";

    public static string Sql(IReadOnlyDictionary<string, uint> versions)
    {
        if (versions.Count == 0)
        {
            throw new ArgumentException("The view needs at least one story.", nameof(versions));
        }

        var sql = new StringBuilder($"create or replace view {Name} as\n");
        var first = true;
        foreach (var (story, version) in versions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!StoryName().IsMatch(story))
            {
                throw new ArgumentException($"'{story}' is not a story name.", nameof(versions));
            }

            sql.Append(first ? "" : "union all\n").Append(
                $"""
                select '{story}'::text as projection, {version}::integer as generation, kind::text as kind, id::text as id,
                       sort_key::text as sort_key, (data ->> 'search')::text as search, data -> 'data' as data,
                       updated_seq::bigint as updated_seq, filters::jsonb as filters
                from {StoryDocuments.TableName(story, version)}

                """);
            first = false;
        }

        return sql.ToString();
    }

    public static async Task ReplaceAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyDictionary<string, uint> versions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql(versions), conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex StoryName();
}
