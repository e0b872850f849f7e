using Westside.Projections.Projector.Capture;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

public class XidTests
{
    private const ulong Epoch1 = 1UL << 32;

    [Theory]
    [InlineData(100u, 1_000UL, 100UL)]                              // epoch 0, plain
    [InlineData(4_294_967_290u, 4_294_967_295UL, 4_294_967_290UL)]   // epoch 0, just below 2^32
    [InlineData(4_294_967_295u, Epoch1 + 10, 4_294_967_295UL)]       // xmax wrapped into epoch 1: the xmin is from epoch 0
    [InlineData(3u, Epoch1 + 10, Epoch1 + 3)]                        // first normal id after the wrap
    [InlineData(9u, Epoch1 + 10, Epoch1 + 9)]                        // same epoch as the xmax
    [InlineData(4_000_000_000u, Epoch1 + 4_100_000_000, Epoch1 + 4_000_000_000)] // epoch 1, high values
    [InlineData(4_200_000_000u, (2UL << 32) + 7, Epoch1 + 4_200_000_000)]        // xmax in epoch 2, xmin from epoch 1
    public void A_32_bit_xmin_takes_the_epoch_of_the_window_below_the_snapshot_xmax(uint xmin, ulong xmax, ulong expected) =>
        Assert.Equal(expected, Xid.ToXid8(xmin, xmax));

    [Fact]
    public void Every_converted_xmin_lies_in_the_2_to_the_32_window_below_the_xmax()
    {
        foreach (var xmax in new[] { Epoch1 - 1, Epoch1, Epoch1 + 1, Epoch1 + 5_000, (3UL << 32) + 123 })
        {
            foreach (var xmin in new uint[] { 3, 4, 1_000, 2_147_483_648, 4_294_967_294, 4_294_967_295 })
            {
                var full = Xid.ToXid8(xmin, xmax);
                Assert.Equal(xmin, (uint)full);
                Assert.True(full <= xmax && xmax - full < Epoch1, $"{xmin} vs {xmax} -> {full}");
            }
        }
    }

    [Theory]
    [InlineData(0u, true)]
    [InlineData(1u, true)]
    [InlineData(2u, true)]   // FrozenTransactionId
    [InlineData(3u, false)]
    public void The_special_ids_are_permanent(uint xid, bool permanent) => Assert.Equal(permanent, Xid.IsPermanent(xid));
}
