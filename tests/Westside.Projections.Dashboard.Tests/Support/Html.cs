using AngleSharp;
using AngleSharp.Dom;

namespace Westside.Projections.Dashboard.Tests.Support;

public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(string html) => await Context.OpenAsync(r => r.Content(html));

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response, await ParseAsync(html));
    }

    // The antiforgery token a page hands htmx (its body's hx-headers), for posts made as htmx makes them.
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var (_, page) = await GetAsync(client, path);
        var headers = System.Text.Json.JsonDocument.Parse(page.Body!.GetAttribute("hx-headers")!);
        return headers.RootElement.GetProperty("X-CSRF-TOKEN").GetString()!;
    }

    public static string Text(this IElement element) => Normalize(element.TextContent);

    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
