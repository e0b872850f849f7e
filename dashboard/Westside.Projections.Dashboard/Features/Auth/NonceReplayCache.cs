using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Westside.Projections.Dashboard.Features.Auth;

// Nonces already redeemed, kept until the ID token that carried them has expired (after that the token's
// lifetime check rejects it anyway). In memory, per replica: a nonce is minted for one challenge and travels
// in that browser's protected state, and the provider redeems an authorization code only once, so a replay
// across replicas would also need a second code for the same nonce. Only hashes are kept.
public sealed class NonceReplayCache(TimeProvider time)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private long _nextPurgeTicks;

    public int Count => _used.Count;

    // True the first time a nonce is seen, false on every replay while it is remembered.
    public bool TryUse(string nonce, DateTimeOffset keepUntil)
    {
        var now = time.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeEvery).UtcTicks, due) == due)
        {
            foreach (var (key, until) in _used)
            {
                if (until < now)
                {
                    _used.TryRemove(key, out _);
                }
            }
        }

        return _used.TryAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(nonce))), keepUntil);
    }
}
