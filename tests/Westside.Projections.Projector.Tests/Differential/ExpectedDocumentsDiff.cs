using System.Text.Json;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// Compares expected documents (kind, sort key, the document record) with the stored ones: the same ids,
// and for each id the same kind, sort key and JSON content (both sides serialised by DocumentJson, so a
// difference is one of content, never of formatting). Differences name ids and fields, never values.
public static class ExpectedDocumentsDiff
{
    public static IReadOnlyList<string> Compare(
        IReadOnlyDictionary<string, (string Kind, string SortKey, object Data)> expected, IReadOnlyList<StoredDocument> documents)
    {
        var differences = new List<string>();
        var actual = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        differences.AddRange(expected.Keys.Where(id => !actual.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{id}: missing"));
        differences.AddRange(actual.Keys.Where(id => !expected.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{id}: unexpected"));
        foreach (var (id, want) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(id, out var got))
            {
                continue;
            }

            if (got.Kind != want.Kind)
            {
                differences.Add($"{id}: kind {got.Kind}, expected {want.Kind}");
            }

            if (got.SortKey != want.SortKey)
            {
                differences.Add($"{id}: sort key differs");
            }

            var wantJson = JsonSerializer.SerializeToElement(want.Data, want.Data.GetType(), DocumentJson.Options);
            var gotJson = JsonSerializer.SerializeToElement(
                JsonSerializer.Deserialize(got.Data, want.Data.GetType(), DocumentJson.Options), want.Data.GetType(), DocumentJson.Options);
            foreach (var property in wantJson.EnumerateObject())
            {
                var other = gotJson.GetProperty(property.Name);
                if (property.Value.GetRawText() != other.GetRawText())
                {
                    differences.Add($"{id}: {property.Name} differs{Where(property.Value, other)}");
                }
            }
        }

        return differences;
    }

    // For a list, the first position that differs and the lengths; values stay out of the message.
    private static string Where(JsonElement want, JsonElement got)
    {
        if (want.ValueKind != JsonValueKind.Array || got.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var wantItems = want.EnumerateArray().ToList();
        var gotItems = got.EnumerateArray().ToList();
        var at = Enumerable.Range(0, Math.Min(wantItems.Count, gotItems.Count))
            .FirstOrDefault(i => wantItems[i].GetRawText() != gotItems[i].GetRawText(), Math.Min(wantItems.Count, gotItems.Count));
        var subject = at < wantItems.Count ? Subject(wantItems[at]) : "";
        return $" at [{at}]{subject} (expected {wantItems.Count} items, got {gotItems.Count})";
    }

    // The id of the player or parent an item is about, when it names one.
    private static string Subject(JsonElement item)
    {
        foreach (var name in new[] { "playerId", "parentId" })
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var id))
            {
                return $" {name} {id.GetRawText()}";
            }
        }

        return "";
    }
}
