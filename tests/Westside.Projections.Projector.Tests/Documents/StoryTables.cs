using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Documents;

// The stories' Marten tables read as the engine's documents are (the story JSON as jsonb text), and
// compared with them document for document (the log position each was written at aside).
public static class StoryTables
{
    public static async Task<Dictionary<string, List<StoredDocument>>> ReadAsync(string store, uint version = 1)
    {
        await using var conn = new NpgsqlConnection(store);
        await conn.OpenAsync();
        var documents = new Dictionary<string, List<StoredDocument>>(StringComparer.Ordinal);
        foreach (var story in ProjectionCatalog.All)
        {
            documents[story.Name] = await ReadAsync(conn, story.Name, version);
        }

        return documents;
    }

    public static async Task<List<StoredDocument>> ReadAsync(NpgsqlConnection conn, string story, uint version)
    {
        await using var cmd = new NpgsqlCommand($"""
            select id, data ->> 'kind', data ->> 'sortKey', data ->> 'search', (data -> 'data')::text, (data ->> 'updatedSeq')::bigint
            from {StoryDocuments.TableName(story, version)} order by id collate "C"
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<StoredDocument>();
        while (await reader.ReadAsync())
        {
            list.Add(new StoredDocument(
                story, (int)version, reader.GetString(1), reader.GetString(0), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5)));
        }

        return list;
    }

    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, List<StoredDocument>> engine, IReadOnlyDictionary<string, List<StoredDocument>> marten)
    {
        var differences = new List<string>();
        foreach (var story in ProjectionCatalog.All)
        {
            var expected = engine.GetValueOrDefault(story.Name, []).ToDictionary(d => d.Id, StringComparer.Ordinal);
            var actual = marten.GetValueOrDefault(story.Name, []).ToDictionary(d => d.Id, StringComparer.Ordinal);
            differences.AddRange(expected.Keys.Except(actual.Keys).Select(id => $"{story.Name} {id}: missing"));
            differences.AddRange(actual.Keys.Except(expected.Keys).Select(id => $"{story.Name} {id}: not in the engine's"));
            differences.AddRange(expected.Values
                .Where(e => actual.TryGetValue(e.Id, out var a) && (e.Kind, e.SortKey, e.Search, e.Data) != (a.Kind, a.SortKey, a.Search, a.Data))
                .Select(e => $"{story.Name} {e.Id}: differs"));
        }

        return differences;
    }
}
