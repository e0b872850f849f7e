using Microsoft.Extensions.Caching.Memory;

namespace Westside.Projections.Dashboard.Infrastructure;

// Query views for callers that are not pages (the MCP tools), keyed like PageCache: the view's type, its
// filter (a record, so equal filters are one key), the store's data version and the day. Documents only change
// when the projector commits or swaps a generation, which changes the version, so until then the same filter
// reads the same view: it is read once. A view's page caches its HTML under the same version, so a tool and
// its page show the same data. Bounded by entry count; the least recently used views go first.
public sealed class ViewCache(StoreWatch watch, TimeProvider clock) : IDisposable
{
    private const long MaxEntries = 2_048;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries, CompactionPercentage = 0.25 });

    private readonly record struct Key(Type View, object Filter, string Version, DateOnly Day);

    public async Task<TView> ReadAsync<TView>(object filter, Func<CancellationToken, Task<TView>> read, CancellationToken ct)
        where TView : class
    {
        // Read before the documents, as PageCache's callers do: a commit in between can only make a view newer
        // than its key (replaced at the next version), never older.
        var version = await watch.VersionAsync(ct);
        if (version is null)
        {
            return await read(ct);
        }

        var key = new Key(typeof(TView), filter, version, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (_cache.TryGetValue(key, out TView? view) && view is not null)
        {
            return view;
        }

        view = await read(ct);
        _cache.Set(key, view, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return view;
    }

    public void Dispose() => _cache.Dispose();
}
