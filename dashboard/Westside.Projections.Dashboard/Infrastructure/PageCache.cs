using Microsoft.Extensions.Caching.Memory;

namespace Westside.Projections.Dashboard.Infrastructure;

// Rendered page bodies, keyed by page, URL, full-or-fragment, the store's data version and the day
// ("3 days ago"). Documents only change when the projector commits or swaps a generation, which
// changes the version: until then the same URL renders the same HTML, so it is rendered once.
// Bounded by size; the least recently used bodies go first.
public sealed class PageCache : IDisposable
{
    private const long MaxBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    public readonly record struct Key(Type Page, bool Fragment, string Url, string Version, DateOnly Day);

    public bool TryGet(Key key, out byte[] html) => _cache.TryGetValue(key, out html!);

    // The body as UTF-8 bytes: written as they are, without encoding them again per request.
    public void Set(Key key, byte[] html) =>
        _cache.Set(key, html, new MemoryCacheEntryOptions { Size = html.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _cache.Dispose();
}
