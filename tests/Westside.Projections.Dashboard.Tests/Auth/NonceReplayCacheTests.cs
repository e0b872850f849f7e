using Westside.Projections.Dashboard.Features.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Used nonces are remembered until their token expires, then forgotten, so memory stays bounded by the
// sign-ins of the last few minutes.
public sealed class NonceReplayCacheTests
{
    [Fact]
    public void A_nonce_is_accepted_once_and_forgotten_after_its_token_expired()
    {
        var clock = new ManualClock();
        var cache = new NonceReplayCache(clock);
        var expires = clock.GetUtcNow().AddMinutes(5);

        Assert.True(cache.TryUse("n-1", expires));
        Assert.False(cache.TryUse("n-1", expires));
        Assert.True(cache.TryUse("n-2", expires));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cache.TryUse("n-3", clock.GetUtcNow().AddMinutes(5)));

        Assert.Equal(1, cache.Count);
    }
}
