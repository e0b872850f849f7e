using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Projections.Triage;

namespace Westside.Projections.ReadModel.Projections;

// Every projection the runtime maintains, one per story. Names are stable: they key the documents.
public static class ProjectionCatalog
{
    public static IReadOnlyList<IProjection> All { get; } =
    [
        new TriageProjection(),
        new TimelineProjection(),
    ];
}
