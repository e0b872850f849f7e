using System.Text.Json;
using System.Text.Json.Nodes;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// What an oracle expects of one projection, and the one way every oracle compares it with the stored
// documents: every document id with its kind, content and (where the oracle computes it) sort key, and
// the order of a listing. The content is what the oracle computed from SQL, put in the document record
// and serialised as the projector serialises documents, then compared with the stored JSON by value
// (jsonb reorders keys and respaces; 1.0 and 1 are one number), so a property the record lacks or the
// store lacks is a difference too. Every line starts with the document id (or the listing's kind) and
// names JSON paths and non-text values only: the lines end up in CI logs, so names, contact data and
// sort keys (which hold lower-cased names) are never printed; text is shown only for code-like fields.
public sealed class ExpectedDocumentSet
{
    private const int MaxPerDocument = 5;

    // Text values that are codes, dates or amounts, never a person's name or contact.
    private static readonly HashSet<string> ShownText = new(StringComparer.Ordinal)
    {
        "status", "statuses", "method", "methods", "version", "plan", "kind", "gap", "type", "cohort", "scope", "scopeKind",
        "contractStatus", "contractStatuses", "playerContractStatus", "emailType", "eventType", "ageGroup", "ageGroups",
        "season", "gender", "jerseySize", "signedMonth", "month",
    };

    private static readonly string[] ShownSuffixes = ["At", "On", "End", "Deadline"];

    // Array elements are labelled with their own id when they have one, so a report says which player.
    private static readonly string[] ElementIds =
        ["playerId", "parentId", "paymentId", "contractId", "subscriptionId", "registrationId", "tournamentId"];

    private readonly Dictionary<string, (string Kind, string? SortKey, JsonNode Data)> _documents = new(StringComparer.Ordinal);
    private readonly List<(string Kind, IReadOnlyList<string> Ids)> _orders = [];

    // `sortKey` when the oracle computes the exact key; null when it vouches only for a listing's order.
    public void Add(string id, string kind, object data, string? sortKey = null)
    {
        if (!_documents.TryAdd(id, (kind, sortKey, Parse(DocumentJson.Serialize(data)))))
        {
            throw new InvalidOperationException($"The oracle expects document {id} twice.");
        }
    }

    // One expected document's content as the projector would serialise it, or null when none is expected.
    public JsonNode? Data(string id) => _documents.TryGetValue(id, out var document) ? document.Data.DeepClone() : null;

    // The documents of `kind` listed by sort key (then id) must come in this order.
    public void ExpectOrder(string kind, IEnumerable<string> ids) => _orders.Add((kind, ids.ToList()));

    public IReadOnlyList<string> DifferencesFrom(IEnumerable<StoredDocument> documents)
    {
        var actual = documents.ToList();
        var differences = new List<string>();
        var byId = actual.ToDictionary(d => d.Id, StringComparer.Ordinal);
        differences.AddRange(_documents.Keys.Where(id => !byId.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{id}: missing"));
        differences.AddRange(byId.Keys.Where(id => !_documents.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{id}: unexpected"));
        foreach (var (id, expected) in _documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(id, out var document))
            {
                continue;
            }

            if (document.Kind != expected.Kind)
            {
                differences.Add($"{id}: kind {document.Kind}, expected {expected.Kind}");
            }

            if (expected.SortKey is { } sortKey && document.SortKey != sortKey)
            {
                differences.Add($"{id}: sort key differs");
            }

            var found = new List<string>();
            Compare(expected.Data, Parse(document.Data), "", "", found);
            differences.AddRange(found.Take(MaxPerDocument).Select(f => $"{id}: {f}"));
            if (found.Count > MaxPerDocument)
            {
                differences.Add($"{id}: and {found.Count - MaxPerDocument} more differences");
            }
        }

        foreach (var (kind, ids) in _orders)
        {
            differences.AddRange(ListingDifference(kind, ids, actual));
        }

        return differences;
    }

    private static IEnumerable<string> ListingDifference(string kind, IReadOnlyList<string> ids, List<StoredDocument> actual)
    {
        var listed = actual.Where(d => d.Kind == kind)
            .OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => d.Id)
            .ToList();
        var at = Enumerable.Range(0, Math.Min(listed.Count, ids.Count)).FirstOrDefault(i => listed[i] != ids[i], -1);
        if (at >= 0)
        {
            yield return $"{kind} listing: position {at + 1} is {listed[at]}, expected {ids[at]}";
        }
        else if (listed.Count != ids.Count)
        {
            yield return $"{kind} listing has {listed.Count} documents, expected {ids.Count}";
        }
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("A document is JSON null.");

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, string property, List<string> found)
    {
        // The common case, equal to the letter, needs no walk.
        if (JsonNode.DeepEquals(expected, actual))
        {
            return;
        }

        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key), StringComparer.Ordinal))
                {
                    Compare(e[name], a[name], path.Length == 0 ? name : $"{path}.{name}", name, found);
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    found.Add($"{path} has {a.Count} items, expected {e.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]{ElementLabel(e[i])}", property, found);
                }

                return;
            case (JsonValue e, JsonValue a) when LeafEquals(e, a):
                return;
            default:
                found.Add($"{path} is {Show(actual, property)}, expected {Show(expected, property)}");
                return;
        }
    }

    private static bool LeafEquals(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => expected.GetValue<decimal>() == actual.GetValue<decimal>(),
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            _ => expected.ToJsonString() == actual.ToJsonString(),
        };
    }

    private static string ElementLabel(JsonNode? element) =>
        element is JsonObject o && ElementIds.FirstOrDefault(o.ContainsKey) is { } name ? $"({name} {o[name]?.ToJsonString()})" : "";

    private static string Show(JsonNode? node, string property) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            ShownText.Contains(property) || ShownSuffixes.Any(s => property.EndsWith(s, StringComparison.Ordinal))
                ? v.GetValue<string>()
                : "(text)",
        JsonValue v => v.ToJsonString(),
        JsonArray a => $"an array of {a.Count}",
        _ => "an object",
    };
}
