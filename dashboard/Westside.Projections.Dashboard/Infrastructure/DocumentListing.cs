using System.Text.Json;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Infrastructure;

// Listing helpers over DocumentReader: one screen of documents out of one or more kinds, read as
// one list (kind after kind, each in sort_key order), with the total for "page X of Y".
public static class DocumentListing
{
    public sealed record Slice(IReadOnlyList<StoredDocument> Documents, long Total);

    public static async Task<Slice> PageAsync(
        DocumentReader reader, string projection, IReadOnlyList<string> kinds, string? contains, string? search,
        int offset, int limit, CancellationToken ct)
    {
        var documents = new List<StoredDocument>();
        long total = 0;
        foreach (var kind in kinds)
        {
            var query = new DocumentQuery(projection, kind) { Contains = contains, Search = NullIfBlank(search) };
            var count = await reader.CountAsync(query, ct);
            var skip = offset - total;
            var want = limit - documents.Count;
            if (want > 0 && skip < count)
            {
                documents.AddRange(await reader.ListAsync(
                    query with { Offset = (int)Math.Max(0, skip), Limit = want }, ct));
            }

            total += count;
        }

        return new Slice(documents, total);
    }

    // A jsonb containment filter from the set filters only (null when none is set). Property names as
    // DocumentJson writes them (camelCase).
    public static string? Contains(params (string Property, object? Value)[] filters)
    {
        var set = filters.Where(f => f.Value is not null && f.Value is not string { Length: 0 })
            .ToDictionary(f => f.Property, f => f.Value);
        return set.Count == 0 ? null : JsonSerializer.Serialize(set, DocumentJson.Options);
    }

    public static int PageCount(long total, int pageSize) => (int)Math.Max(1, (total + pageSize - 1) / pageSize);

    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
