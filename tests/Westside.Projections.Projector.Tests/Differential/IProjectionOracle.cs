namespace Westside.Projections.Projector.Tests.Differential;

// An independent answer to the question one projection answers, computed in plain SQL over the source
// (never through ClubState, the events or the projection's code), compared with the projection's live
// documents. The oracles live in the tests only. Implementations are found by reflection
// (DifferentialClub.Oracles); one per projection of ProjectionCatalog.
public interface IProjectionOracle
{
    // The projection's name in ProjectionCatalog (e.g. "triage").
    string Projection { get; }

    // Human-readable differences between the documents and the oracle's answer, empty when they agree.
    // Name records by id only (the data is synthetic, but the habit is ours).
    Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct);
}
