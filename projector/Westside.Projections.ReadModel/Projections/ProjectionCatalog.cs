using Westside.Projections.ReadModel.Projections.Clusters;
using Westside.Projections.ReadModel.Projections.Cohorts;
using Westside.Projections.ReadModel.Projections.ContractAudit;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Projections.Dues;
using Westside.Projections.ReadModel.Projections.Families;
using Westside.Projections.ReadModel.Projections.Jerseys;
using Westside.Projections.ReadModel.Projections.TeamProgress;
using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Projections.Tournaments;
using Westside.Projections.ReadModel.Projections.Triage;

namespace Westside.Projections.ReadModel.Projections;

// Every projection the runtime maintains, one per story. Names are stable: they key the documents.
public static class ProjectionCatalog
{
    public static IReadOnlyList<IProjection> All { get; } =
    [
        new TriageProjection(),
        new CohortsProjection(),
        new ClustersProjection(),
        new JerseysProjection(),
        new ContractAuditProjection(),
        new DuesProjection(),
        new TournamentsProjection(),
        new DataGapsProjection(),
        new FamiliesProjection(),
        new TeamProgressProjection(),
        new TimelineProjection(),
    ];
}
