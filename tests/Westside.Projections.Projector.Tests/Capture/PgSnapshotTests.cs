using Westside.Projections.Projector.Capture;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

public class PgSnapshotTests
{
    [Theory]
    [InlineData("760:763:760")]
    [InlineData("758:758:")]
    [InlineData("4294967300:4294967310:4294967300,4294967305")]
    public void The_text_form_round_trips(string text) => Assert.Equal(text, PgSnapshot.Parse(text).ToString());

    [Fact]
    public void Visibility_follows_pg_visible_in_snapshot()
    {
        var s = PgSnapshot.Parse("100:110:100,104");
        Assert.True(s.IsVisible(99));
        Assert.False(s.IsVisible(100));
        Assert.True(s.IsVisible(101));
        Assert.False(s.IsVisible(104));
        Assert.True(s.IsVisible(109));
        Assert.False(s.IsVisible(110));
    }

    [Theory]
    [InlineData("100:110:100,104", "100:110:100,104", true)]          // nothing moved
    [InlineData("100:110:100,104", "100:112:100,104,110,111", true)]  // new ids, all still running
    [InlineData("100:110:100,104", "100:112:100,104,110", false)]     // 111 finished
    [InlineData("100:110:100,104", "100:110:100", false)]             // 104 finished
    [InlineData("110:110:", "110:111:", false)]                        // 110 finished
    [InlineData("110:110:", "110:110:", true)]
    [InlineData("110:112:110", "108:110:", false)]                     // the source went back in time
    public void A_snapshot_sees_nothing_new_only_when_no_transaction_finished_since(string earlier, string later, bool nothingNew) =>
        Assert.Equal(nothingNew, PgSnapshot.Parse(later).SeesNothingNewSince(PgSnapshot.Parse(earlier)));

    [Theory]
    [InlineData("100:110:100", "100:111:100", 110UL, true)]   // only our own store transaction finished
    [InlineData("100:110:100", "110:110:", 100UL, true)]      // ours was already running at the earlier snapshot
    [InlineData("100:110:100", "101:112:", 110UL, false)]     // ours, and 100 (someone else's) finished
    [InlineData("100:110:100", "100:112:100", 110UL, false)]  // ours, and 111 finished
    public void Our_own_store_transaction_does_not_count_as_news(string earlier, string later, ulong ours, bool nothingNew) =>
        Assert.Equal(nothingNew, PgSnapshot.Parse(later).SeesNothingNewSince(PgSnapshot.Parse(earlier), [ours]));

    [Fact]
    public void Text_that_is_not_a_snapshot_is_refused() => Assert.Throws<FormatException>(() => PgSnapshot.Parse("12:13"));
}
