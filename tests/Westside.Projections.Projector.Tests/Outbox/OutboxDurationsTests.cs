using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxDurationsTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(0.84, "0.8 s")]
    [InlineData(4, "4 s")]
    [InlineData(4.25, "4.3 s")]
    [InlineData(9.97, "10 s")]
    [InlineData(45.9, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(47 * 60 + 59, "47 min")]
    [InlineData(3 * 3600, "3 h")]
    [InlineData(5 * 3600 + 3 * 60 + 30, "5 h 3 min")]
    [InlineData(3 * 86400 + 4 * 3600 + 59, "3 d 4 h")]
    [InlineData(-2, "0 s")]
    public void Durations_read_like_a_person_says_them(double seconds, string expected)
    {
        Assert.Equal(expected, OutboxDurations.Format(seconds));
    }
}
