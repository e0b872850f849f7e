using Microsoft.AspNetCore.WebUtilities;

namespace Westside.Projections.Dashboard.Infrastructure;

// Builds a page URL from its filters, leaving empty ones out, so links (pager, "only this team")
// are the same shareable URLs the filter form pushes.
public static class QueryUrl
{
    public static string Build(string path, params (string Key, object? Value)[] parameters)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                query[key] = text;
            }
        }

        return QueryHelpers.AddQueryString(path, query);
    }
}
