using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// On an empty log Marten's daemon waits for the first poll (its high-water agent would otherwise probe
// the poll's open transaction all through it); with a log it starts beside the polls.
[Collection(EngineCollection.Name)]
public sealed class FirstStartTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private const int DaemonStarted = 3301;
    private const int BatchCommitted = 3005;
    private const int DaemonAfterFirstPoll = 3023;

    [Fact]
    public async Task A_first_start_starts_the_daemon_after_its_first_poll_and_a_restart_at_once()
    {
        await db.SourceExecAsync(SmallClub.Sql);
        var probe = new StoreProbe(db.Store);
        var reader = new DocumentReader(db.StoreSource);

        await using (var first = EngineRun.Start(
            db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(100),
            tune: o => o with { CatchUpEvents = 0 }))
        {
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
            await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(db.SourceAdmin));
            var lines = first.Logs.Lines.Select(l => l.EventId).ToList();
            Assert.Contains(DaemonAfterFirstPoll, lines);
            Assert.True(lines.IndexOf(BatchCommitted) < lines.IndexOf(DaemonStarted), string.Join(",", lines));
        }

        await using (var restart = EngineRun.Start(
            db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(100),
            tune: o => o with { CatchUpEvents = 0 }))
        {
            await db.SourceExecAsync("update players set team_id = 3 where id <= 10");
            Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
            await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(db.SourceAdmin));
            Assert.DoesNotContain(restart.Logs.Lines, l => l.EventId == DaemonAfterFirstPoll);
            Assert.Contains(restart.Logs.Lines, l => l.EventId == DaemonStarted);
        }
    }
}
