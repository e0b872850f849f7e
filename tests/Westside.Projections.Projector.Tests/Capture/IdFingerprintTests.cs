using Westside.Projections.Projector.Capture;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

public class IdFingerprintTests
{
    // Values printed by PostgreSQL 15: select hashint8(5), hashint8(-5), hashint8(5000000000).
    [Theory]
    [InlineData(5L, -1330264708)]
    [InlineData(-5L, 1412886042)]
    [InlineData(5_000_000_000L, -694934712)]
    public void Hash_is_postgres_hashint8(long key, int expected) => Assert.Equal(expected, IdFingerprint.Hash(key));

    [Fact]
    public void Adding_and_removing_keys_is_order_independent()
    {
        var a = IdFingerprint.Of([1, 2, 3]);
        var b = IdFingerprint.Empty.Add(3).Add(1).Add(4).Add(2).Remove(4);

        Assert.Equal(a, b);
        Assert.NotEqual(a, IdFingerprint.Of([1, 2, 5]));
        Assert.Equal(3, a.Count);
    }
}
