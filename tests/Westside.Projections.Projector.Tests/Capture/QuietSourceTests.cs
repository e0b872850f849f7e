using Westside.Projections.Projector.Capture;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

// Transaction ids are shared by the whole cluster, so these tests run alone (other tests' commits would
// keep the source from ever looking quiet).
[CollectionDefinition(nameof(QuietSourceCollection), DisableParallelization = true)]
public sealed class QuietSourceCollection;

[Collection(nameof(QuietSourceCollection))]
public sealed class QuietSourceTests : IAsyncLifetime
{
    private readonly CaptureDatabases _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_poll_after_no_source_activity_reads_no_table_and_skipping_never_hides_a_change()
    {
        await _db.SourceExecAsync(CaptureDatabases.SeedSql);
        var capture = _db.NewCapture(new ChangeCaptureOptions { ReconcileEveryPolls = 1000, ReconcileInterval = TimeSpan.FromHours(1) });
        await _db.PollAsync(capture);

        // The store shares the cluster: the capture's own store commit must not count as source activity.
        // Background work of the server (autovacuum's analyze) may take an id now and then: allow a few tries.
        CaptureStatistics? quiet = null;
        for (var attempt = 0; attempt < 10 && quiet is null; attempt++)
        {
            Assert.Empty((await _db.PollAsync(capture)).Events);
            quiet = capture.LastCapture is { TablesSkipped: 10 } stats ? stats : null;
        }

        Assert.NotNull(quiet);
        Assert.Equal((0, 0L), (quiet.RowsFetched, quiet.BytesFetched));

        await _db.SourceExecAsync("update players set grade = 10 where id = 2");
        var batch = await _db.PollAsync(capture);

        Assert.Equal("players/2 PlayerChanged", $"{Assert.Single(batch.Events).SourceTable}/{batch.Events[0].SourceKey} {batch.Events[0].Event.GetType().Name}");
        Assert.Equal(0, capture.LastCapture!.TablesSkipped);
    }
}
