using Westside.Projections.ReadModel.Events;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public static class LogChecks
{
    // Strictly increasing from 1 on. Marten's sequence does not give back the numbers of an append whose
    // transaction a kill rolled back, so the log may skip numbers; it never repeats or reorders one.
    public static void AssertStrictlyIncreasing(IReadOnlyList<RecordedEvent> events)
    {
        Assert.True(events.Count == 0 || events[0].Sequence >= 1, "the log starts below seq 1");
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.First.Sequence < p.Second.Sequence,
            $"seq {p.Second.Sequence} follows seq {p.First.Sequence}"));
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
