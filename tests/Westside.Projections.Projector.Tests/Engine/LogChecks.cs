using Westside.Projections.ReadModel.Events;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public static class LogChecks
{
    // seq 1..n without a gap: a log no kill has interrupted.
    public static void AssertGapless(IReadOnlyList<RecordedEvent> events) =>
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));

    // Strictly increasing from 1 on, skipping numbers at most once per kill. Marten's sequence does not give
    // back the numbers an append took in a transaction that a kill rolled back (one writer, so one run of
    // numbers per killed transaction); it never repeats or reorders one, and skips nothing otherwise.
    public static void AssertGapsOnlyFromKills(IReadOnlyList<RecordedEvent> events, int kills)
    {
        Assert.True(events.Count == 0 || events[0].Sequence >= 1, "the log starts below seq 1");
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.First.Sequence < p.Second.Sequence,
            $"seq {p.Second.Sequence} follows seq {p.First.Sequence}"));
        var gaps = events.Zip(events.Skip(1)).Count(p => p.Second.Sequence > p.First.Sequence + 1)
                   + (events.Count > 0 && events[0].Sequence > 1 ? 1 : 0);
        Assert.True(gaps <= kills, $"the log skips numbers in {gaps} places after {kills} kills");
    }

    // A duplicate is an event that repeats the previous event of the same row: same type, same data.
    public static void AssertNoDuplicates(IReadOnlyList<RecordedEvent> events)
    {
        var last = new Dictionary<(string, string), (string Type, string Data, long Seq)>();
        foreach (var e in events)
        {
            var data = EventSerializer.Serialize(e.Event);
            if (last.TryGetValue((e.SourceTable, e.SourceKey), out var previous))
            {
                Assert.False(previous.Type == e.Type && previous.Data == data,
                    $"{e.SourceTable} {e.SourceKey}: seq {e.Sequence} repeats seq {previous.Seq} ({e.Type})");
            }

            last[(e.SourceTable, e.SourceKey)] = (e.Type, data, e.Sequence);
        }
    }
}
