using System.Text.Json;
using System.Text.Json.Nodes;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// Compares an oracle's expected documents (id -> kind and data record) with a projection's live
// documents: missing ids, extra ids, wrong kinds, and for each shared id the JSON paths where the data
// differs. Both sides go through the document records and DocumentJson, so only meaning is compared
// (not property order or timestamp spelling). Paths name fields and indexes, never values: the
// differences may end up in a CI log.
public static class JsonPathDifferences
{
    private const int MaxPathsPerDocument = 3;

    public sealed record Expected(string Kind, object Data);

    public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, Expected> expected, IEnumerable<StoredDocument> actual)
    {
        var differences = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in actual)
        {
            seen.Add(document.Id);
            if (!expected.TryGetValue(document.Id, out var want))
            {
                differences.Add($"{document.Id} exists but the source implies no such document");
                continue;
            }

            if (document.Kind != want.Kind)
            {
                differences.Add($"{document.Id} has kind {document.Kind}, expected {want.Kind}");
                continue;
            }

            differences.AddRange(Paths(want.Data, document).Select(path => $"{document.Id} differs at {path}"));
        }

        differences.AddRange(expected.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal)
            .Select(id => $"{id} is missing"));
        return differences;
    }

    // The actual data read back into the expected record's type, then both serialised the one way.
    public static IReadOnlyList<string> Paths(object expected, StoredDocument actual)
    {
        object? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(actual.Data, expected.GetType(), DocumentJson.Options);
        }
        catch (JsonException)
        {
            return ["$ (not a " + expected.GetType().Name + ")"];
        }

        if (parsed is null)
        {
            return ["$ (null)"];
        }

        var paths = new List<string>();
        Walk(JsonNode.Parse(DocumentJson.Serialize(expected)), JsonNode.Parse(DocumentJson.Serialize(parsed)), "$", paths);
        return paths;
    }

    private static void Walk(JsonNode? want, JsonNode? got, string path, List<string> paths)
    {
        if (paths.Count >= MaxPathsPerDocument || JsonNode.DeepEquals(want, got))
        {
            return;
        }

        switch (want, got)
        {
            case (JsonObject w, JsonObject g):
                foreach (var name in w.Select(p => p.Key).Union(g.Select(p => p.Key), StringComparer.Ordinal))
                {
                    Walk(w[name], g[name], $"{path}.{name}", paths);
                }

                break;
            case (JsonArray w, JsonArray g) when w.Count == g.Count:
                for (var i = 0; i < w.Count; i++)
                {
                    Walk(w[i], g[i], $"{path}[{i}]", paths);
                }

                break;
            case (JsonArray w, JsonArray g):
                paths.Add($"{path} (length {g.Count}, expected {w.Count})");
                break;
            default:
                paths.Add(path);
                break;
        }
    }
}
