using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class StartupBuildTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task Projections_behind_the_log_are_rebuilt_on_start_up_and_requests_are_served_and_audited()
    {
        await db.SourceExecAsync(SmallClub.Sql);
        var probe = new StoreProbe(db.Store);
        var reader = new DocumentReader(db.StoreSource);

        // First only the player documents exist.
        await using (var engine = EngineRun.Start(db, [new PlayerRowsProjection()], TimeSpan.FromMilliseconds(100)))
        {
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
        }

        // A release adds the team counts: the new projection is behind the log and gets built.
        await using (var engine = EngineRun.Start(db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(100)))
        {
            await Eventually.HoldsAsync(async () => (await reader.ProjectionsAsync(default)).Any(p => p is { Name: "test-team-counts", LiveGeneration: 1 }));
            await db.SourceExecAsync("update players set team_id = 3 where id <= 10");
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
            await Eventually.HoldsAsync(async () => (await reader.StatusAsync(default)) is var s && s.Projections.All(p => p.Checkpoint == s.LogHead));
            await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(db.SourceAdmin));

            // An unknown projection fails, with an audit entry naming the requester.
            var id = await engine.FileAsync("rebuild", "no-such-projection", "dashboard:subject-7");
            await Eventually.HoldsAsync(async () => (await reader.RequestAsync(id, default))!.IsFinished);
            var failed = (await reader.RequestAsync(id, default))!;
            Assert.Equal(("failed", "unknown projection"), (failed.Status, failed.Error));
        }

        var audit = await probe.RowsAsync("select actor, action, detail->>'projection' from audit_log order by id");
        Assert.Equal(["projector:startup | rebuild.completed | test-team-counts", "dashboard:subject-7 | rebuild.failed | no-such-projection"], audit);
        var rows = (await reader.ProjectionsAsync(default)).Select(p => (p.Name, p.LiveGeneration, p.LastRebuildBy)).ToList();
        Assert.Equal([("test-players", 0, null), ("test-team-counts", 1, "projector:startup")], rows);
    }
}
