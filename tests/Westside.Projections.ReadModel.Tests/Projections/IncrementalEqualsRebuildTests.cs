using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
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
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections;

// The property that makes incremental projection safe: after any history, the documents kept up to
// date event by event (through Affected) are byte for byte the documents a rebuild renders from
// scratch. A document Affected forgets to name stays stale, and this test sees it.
public sealed class IncrementalEqualsRebuildTests
{
    public static TheoryData<int, bool> Histories => new()
    {
        { 1, false }, { 2, false }, { 3, false }, { 4, false },
        { 5, true }, { 6, true }, { 7, true }, { 8, true },
    };

    // The catalog as the runtime uses it, and the same projections with tiny pages so that
    // documents split into pages (and pages appear and disappear) within a small random club.
    [Theory]
    [MemberData(nameof(Histories))]
    public void Every_projection_kept_up_to_date_event_by_event_equals_a_rebuild_from_scratch(int seed, bool tinyPages)
    {
        var harness = new ProjectionHarness([.. tinyPages ? TinyPages() : ProjectionCatalog.All]);
        var history = new RandomClub(seed);
        var batches = 0;
        var sawPages = false;
        foreach (var batch in history.Batches(3000))
        {
            harness.ApplyBatch(batch);
            sawPages |= harness.Documents("triage").Keys.Any(id => id.Contains("/page:", StringComparison.Ordinal));
            if (++batches <= 12 || batches % 25 == 0)
            {
                AssertSameAsRebuild(harness, harness.State);
            }
        }

        AssertSameAsRebuild(harness, harness.State);
        Assert.True(sawPages || !tinyPages, "Tiny pages never split a triage group: the history is too small to test paging.");

        // A rebuild folds the log into a fresh state: same documents, whatever the dictionaries' history.
        var rebuilt = new ClubState();
        foreach (var recorded in harness.Log)
        {
            EventFold.Apply(rebuilt, recorded);
        }

        AssertSameAsRebuild(harness, rebuilt);
    }

    [Fact]
    public void Every_projection_has_a_distinct_name_and_a_tiny_page_twin_in_this_test()
    {
        var names = ProjectionCatalog.All.Select(p => p.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names, TinyPages().Select(p => p.Name));
    }

    private static IReadOnlyList<IProjection> TinyPages() =>
    [
        new TriageProjection(pageSize: 2),
        new CohortsProjection(bucketSize: 4),
        new ClustersProjection(),
        new JerseysProjection(pageSize: 3),
        new ContractAuditProjection(),
        new DuesProjection(pageSize: 3),
        new TournamentsProjection(),
        new DataGapsProjection(),
        new FamiliesProjection(),
        new TeamProgressProjection(),
        new TimelineProjection(pageSize: 3),
    ];

    private static void AssertSameAsRebuild(ProjectionHarness harness, ClubState state)
    {
        foreach (var projection in harness.Projections)
        {
            var incremental = harness.Serialized(projection);
            var scratch = ProjectionHarness.RenderFromScratch(state, projection);
            var missing = scratch.Keys.Except(incremental.Keys).ToList();
            var extra = incremental.Keys.Except(scratch.Keys).ToList();
            var stale = scratch.Keys.Intersect(incremental.Keys).Where(id => incremental[id] != scratch[id]).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0 && stale.Count == 0,
                $"{projection.Name} after event {state.LastSequence}: missing [{string.Join(", ", missing.Take(5))}], " +
                $"extra [{string.Join(", ", extra.Take(5))}], stale [{string.Join(", ", stale.Take(5))}]" +
                (stale.Count > 0 ? $"\nincremental: {incremental[stale[0]]}\nscratch:     {scratch[stale[0]]}" : ""));
        }
    }
}
