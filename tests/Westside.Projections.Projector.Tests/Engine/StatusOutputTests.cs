using Westside.Projections.Projector.Commands;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class StatusOutputTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_shows_lag_staleness_leader_and_a_running_rebuild_with_its_progress()
    {
        var progress = new RebuildProgress("writing", 340_000, 340_000, 20_000, 80_000, 15_000, 4.0, 62.3, Now.AddSeconds(-9), Now);
        var status = new StoreStatus(
            340_120,
            new HeartbeatStatus("vm:42", Now.AddHours(-1), LeaderAlive: true, Now.AddSeconds(-7), Now.AddSeconds(-8), 2000,
                SourceOk: false, "PostgresException 42501", Now.AddSeconds(-1), Now),
            [
                new ProjectionStatus("players", 3, 340_120, "live", null, null, Now.AddDays(-1), "cli:root", 5400, Now),
                new ProjectionStatus("teams", 1, 340_100, "rebuilding", 2, progress, null, null, null, Now),
            ]);
        var output = new StringWriter();

        StatusCommand.Write(status, output);

        var text = output.ToString();
        Assert.Contains("log head      340120", text, StringComparison.Ordinal);
        Assert.Contains("last poll     7.0 s ago (interval 2000 ms)  STALE", text, StringComparison.Ordinal);
        Assert.Contains("source        UNAVAILABLE, snapshot 2026-03-01 11:59:52Z, last error PostgresException 42501", text, StringComparison.Ordinal);
        Assert.Contains("leader        vm:42 since 2026-03-01 11:00:00Z (lock held)", text, StringComparison.Ordinal);
        Assert.Matches(@"players\s+3\s+340120\s+0\s+live; last rebuild 2026-02-28 12:00:00Z by cli:root in 5400 ms", text);
        Assert.Matches(@"teams\s+1\s+340100\s+20\s+rebuilding gen 2: writing 20,000/80,000 documents  15,000 docs/s  ETA 4.0 s", text);
        Assert.Equal("[###################-----------]  62.3%  writing 20,000/80,000 documents  15,000 docs/s  ETA 4.0 s", ProgressBar.Render(progress));
    }

    [Fact]
    public void Status_shows_where_the_daemon_has_the_documents_and_how_old_its_oldest_pending_event_is()
    {
        var heartbeat = new HeartbeatStatus("vm:42", Now.AddHours(-1), LeaderAlive: true, Now.AddSeconds(-1), Now.AddSeconds(-1), 2000,
            SourceOk: true, null, null, Now);
        var behind = new StoreStatus(340_120, heartbeat, [])
        {
            Shards = [new ShardFreshness("stories:All", 340_000, 340_120, Now.AddSeconds(-3.5))],
        };
        var current = behind with { Shards = [new ShardFreshness("stories:All", 340_120, 340_120, null)] };
        var output = new StringWriter();

        StatusCommand.Write(behind, output);
        StatusCommand.Write(current, output);

        var text = output.ToString();
        Assert.Contains("documents     stories:All at 340000 (Marten's daemon; high-water mark 340120), oldest pending event 3.5 s old", text, StringComparison.Ordinal);
        Assert.Contains("documents     stories:All at 340120 (Marten's daemon; high-water mark 340120), caught up", text, StringComparison.Ordinal);
    }
}
