namespace Westside.Projections.ReadModel.Projections;

// Every projection the projector maintains (filled by the projections themselves).
public static class ProjectionCatalog
{
    public static IReadOnlyList<IProjection> All { get; } = [];
}
