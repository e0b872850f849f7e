using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Westside.Projections.Dashboard.Infrastructure;

// /css/site.css?v=<hash of its content>: static files can then be cached for a year, and a new
// build still reaches every phone at once.
public sealed class AssetUrls(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public string this[string path] => _urls.GetOrAdd(path, Versioned);

    private string Versioned(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            return "/" + path;
        }

        using var stream = file.CreateReadStream();
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        return $"/{path}?v={hash}";
    }
}
