using System.Text.RegularExpressions;
using Npgsql;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// Dropping the stories' Marten tables that no reader reads any more (StoryRuntime: at a leader's start and
// after a switch), with the functions Marten generated for them.
public static class StoryTables
{
    // Tables of versions no reader reads: a build that died before its switch, or a switch whose old
    // table was not dropped. Only this catalog's stories: a table of a story this release does not know
    // is left alone.
    public static async Task DropReplacedAsync(
        NpgsqlConnection conn, IReadOnlyList<IProjection> catalog, IReadOnlyDictionary<string, uint> versions, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "select tablename from pg_tables where schemaname = current_schema() and tablename like 'mt\\_doc\\_story\\_%'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var story in catalog)
        {
            var live = versions.TryGetValue(story.Name, out var v) ? StoryDocuments.TableName(story.Name, v) : null;
            var own = new Regex($"^{Regex.Escape(StoryDocuments.TableName(story.Name))}(_[0-9]+)?$");
            foreach (var table in tables.Where(t => own.IsMatch(t) && t != live))
            {
                await DropAsync(conn, table, ct);
            }
        }
    }

    public static Task DropAsync(NpgsqlConnection conn, string story, uint version, CancellationToken ct) =>
        DropAsync(conn, StoryDocuments.TableName(story, version), ct);

    // The table and the functions Marten made for it (mt_upsert_<alias>, mt_insert_..., ...).
    private static async Task DropAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        var alias = table["mt_doc_".Length..];
        await using var cmd = new NpgsqlCommand($"""
            drop table if exists {table};
            drop function if exists mt_upsert_{alias};
            drop function if exists mt_insert_{alias};
            drop function if exists mt_update_{alias};
            drop function if exists mt_overwrite_{alias};
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
