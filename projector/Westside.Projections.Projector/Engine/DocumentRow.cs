using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// A rendered document ready to write: the projection's ProjectedDocument with Data serialised once,
// and the fields readers filter on copied out of it (DocumentFilters).
public sealed record DocumentRow(string Id, string Kind, string SortKey, string Search, string Data)
{
    public string Filters { get; } = DocumentFilters.Extract(Data);
}

// What one projection writes for a batch: documents to upsert and ids to delete.
public sealed record RenderedDocuments(string Projection, IReadOnlyList<DocumentRow> Upserts, IReadOnlyList<string> Deletes)
{
    public int Count => Upserts.Count + Deletes.Count;
}
