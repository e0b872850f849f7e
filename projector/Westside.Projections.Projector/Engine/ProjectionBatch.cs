using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

// The pure heart of the runtime, no I/O: fold events into the state, collect the documents each
// projection says they touch (asked before AND after each event, so a moved row names both its old
// and its new owner), then render each touched document once.
public static class ProjectionBatch
{
    public static Dictionary<IProjection, HashSet<string>> Apply(
        ClubState state, IReadOnlyList<IProjection> projections, IEnumerable<RecordedEvent> events)
    {
        var dirty = projections.ToDictionary(p => p, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var recorded in events)
        {
            foreach (var projection in projections)
            {
                projection.Affected(state, recorded.Event, dirty[projection]);
            }

            EventFold.Apply(state, recorded);
            foreach (var projection in projections)
            {
                projection.Affected(state, recorded.Event, dirty[projection]);
            }
        }

        return dirty;
    }

    public static RenderedDocuments Render(ClubState state, IProjection projection, IEnumerable<string> documentIds)
    {
        var upserts = new List<DocumentRow>();
        var deletes = new List<string>();
        foreach (var id in documentIds.Order(StringComparer.Ordinal))
        {
            if (RenderOne(state, projection, id) is { } row)
            {
                upserts.Add(row);
            }
            else
            {
                deletes.Add(id);
            }
        }

        return new RenderedDocuments(projection.Name, upserts, deletes);
    }

    public static DocumentRow? RenderOne(ClubState state, IProjection projection, string id) =>
        projection.Render(state, id) is { } document
            ? new DocumentRow(id, document.Kind, document.SortKey, document.Search, DocumentJson.Serialize(document.Data))
            : null;
}
