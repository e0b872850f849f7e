using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class EventLogTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private static readonly DateTimeOffset SnapshotAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Appended_events_are_numbered_without_gaps_even_when_a_batch_rolls_back_or_appenders_race()
    {
        var script = new EventScript(seed: 11);
        var events = script.Setup(teams: 3, parents: 10).Concat(Enumerable.Range(0, 40).Select(_ => script.Next(10))).ToList();

        await AppendAsync(events[..10], commit: true);
        await AppendAsync(events[10..20], commit: false);
        // Two appenders at once: the log_head row lock serialises them.
        await Task.WhenAll(AppendAsync(events[10..30], commit: true), AppendAsync(events[30..], commit: true));

        await using var conn = await db.StoreSource.OpenConnectionAsync();
        var head = await EventLogReader.HeadAsync(conn, null, CancellationToken.None);
        var log = await StateLoader.ReadAsync(conn, 0, head, CancellationToken.None);
        Assert.Equal(events.Count - 10 + 10, log.Count);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Sequence));
        Assert.Equal(events[..10].Select(e => e.Event), log.Take(10).Select(e => e.Event));
        Assert.All(log, e => Assert.Equal(SnapshotAt, e.SourceSnapshotAt));
        Assert.Equal(head, log[^1].Sequence);

        // The two racing batches are each contiguous in the log.
        var racing = log.Skip(10).Select(e => e.Event).ToList();
        var a = events[10..30].Select(e => e.Event).ToList();
        var b = events[30..].Select(e => e.Event).ToList();
        Assert.True(racing.SequenceEqual(a.Concat(b)) || racing.SequenceEqual(b.Concat(a)));
    }

    private async Task AppendAsync(IReadOnlyList<CapturedEvent> events, bool commit)
    {
        await using var conn = await db.StoreSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var recorded = await EventLog.AppendAsync(conn, tx, new CaptureBatch(SnapshotAt, events), CancellationToken.None);
        Assert.Equal(events.Count, recorded.Count);
        await Task.Delay(50);
        if (commit)
        {
            await tx.CommitAsync();
        }
        else
        {
            await tx.RollbackAsync();
        }
    }
}
