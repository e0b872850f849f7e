using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.ReadModel.Store;

// A document as a reader gets it from the live generation. Data is the JSON the projector wrote
// (DocumentJson); As<T> turns it back into the projection's document record.
public sealed record StoredDocument(
    string Projection, int Generation, string Kind, string Id, string SortKey, string Search, string Data, long UpdatedSeq)
{
    public T As<T>() => DocumentJson.Deserialize<T>(Data);
}
