using Westside.Projections.ReadModel.Events;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public static class LogChecks
{
    // seq 1..n without a gap.
    public static void AssertGapless(IReadOnlyList<RecordedEvent> events) =>
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));

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
