using System.Text;
using System.Text.Json;

namespace Westside.Projections.ReadModel.Store;

// The top-level document fields readers may filter on (DocumentQuery.Contains, jsonb containment). The
// projector copies them out of every document into its story table's filters column (live_documents.filters),
// which carries the GIN index.
// Indexing whole documents instead (every nested path: about 190 MB of JSON at 50,000 players) cost
// five times the rest of a rebuild's server time. Containment on a top-level field gives the same answer
// on the copy as on the document, so a filter stays exact as long as it names only these fields:
// DocumentReader refuses any other. Migration 0005 backfilled the same fields with the same rules into the
// previous engine's documents table.
public static class DocumentFilters
{
    public static IReadOnlySet<string> Fields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ageGroup", "ageGroups", "cohort", "feePaid", "playerIds", "scope", "signedMonth", "status", "statuses", "team",
        "tournamentId", "version",
    };

    public const string None = "{}";

    // The filterable fields of a document's JSON object, in document order; null values are left out
    // (no filter asks for null, and jsonb_strip_nulls leaves them out of the backfill too).
    public static string Extract(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return None;
        }

        StringBuilder? filters = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var wanted = Fields.Contains(name) && reader.TokenType != JsonTokenType.Null;
            reader.Skip();
            if (wanted)
            {
                filters = filters is null ? new StringBuilder("{") : filters.Append(',');
                filters.Append(JsonSerializer.Serialize(name)).Append(':')
                    .Append(Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start));
            }
        }

        return filters?.Append('}').ToString() ?? None;
    }

    // Throws when a containment filter names a field that is not copied into the filters column.
    public static void EnsureFilterable(string contains)
    {
        using var filter = JsonDocument.Parse(contains);
        if (filter.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A document filter must be a JSON object.", nameof(contains));
        }

        foreach (var property in filter.RootElement.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
        {
            throw new ArgumentException(
                $"Documents cannot be filtered on '{property.Name}': add it to DocumentFilters.Fields and to a store migration's backfill.",
                nameof(contains));
        }
    }
}
