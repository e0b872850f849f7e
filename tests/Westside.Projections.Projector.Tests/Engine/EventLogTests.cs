using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// The event log is Marten's event store. What the engine relies on: an append keeps the batch's order in
// the sequence numbers it hands back, a reader reads back exactly what the in-memory fold was given
// (numbers, stream, snapshot and recorded times), and a rolled-back batch leaves at most a gap that
// readers step over. (One writer, the leader, appends: appenders never race.)
public sealed class EventLogTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    private static readonly DateTimeOffset SnapshotAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Appended_events_read_back_in_batch_order_and_a_rolled_back_batch_leaves_only_a_gap()
    {
        var script = new EventScript(seed: 11);
        var events = script.Setup(teams: 3, parents: 10).Concat(Enumerable.Range(0, 60).Select(_ => script.Next(10))).ToList();

        var first = await AppendAsync(events[..30], commit: true);
        await AppendAsync(events[30..40], commit: false);
        var second = await AppendAsync(events[40..], commit: true);

        await using var conn = await db.StoreSource.OpenConnectionAsync();
        var head = await EventLogReader.HeadAsync(conn, null, CancellationToken.None);
        var log = await StateLoader.ReadAsync(conn, 0, head, CancellationToken.None);
        var committed = events[..30].Concat(events[40..]).ToList();
        Assert.Equal(committed.Select(e => (e.SourceTable, e.SourceKey, e.Event)), log.Select(e => (e.SourceTable, e.SourceKey, e.Event)));
        Assert.Equal(first.Concat(second), log);
        Assert.All(log, e => Assert.Equal(SnapshotAt, e.SourceSnapshotAt));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), log.Take(30).Select(e => e.Sequence));
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(head, log[^1].Sequence);

        // One stream per source entity.
        Assert.Equal(
            committed.Select(e => $"{e.SourceTable}:{e.SourceKey}").Distinct().Order(StringComparer.Ordinal),
            await StreamsAsync(conn));
    }

    private async Task<IReadOnlyList<RecordedEvent>> AppendAsync(IReadOnlyList<CapturedEvent> events, bool commit)
    {
        await using var conn = await db.StoreSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var recorded = await EventLog.AppendAsync(db.Events.Store, conn, tx, new CaptureBatch(SnapshotAt, events), CancellationToken.None);
        Assert.Equal(events.Select(e => e.Event), recorded.Select(e => e.Event));
        if (commit)
        {
            await tx.CommitAsync();
        }
        else
        {
            await tx.RollbackAsync();
        }

        return recorded;
    }

    private static async Task<List<string>> StreamsAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("select id from mt_streams order by id collate \"C\"", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
