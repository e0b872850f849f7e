using System.Net;
using AngleSharp.Dom;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Support;

public static class Pages
{
    // Follows the pager (rel=next) from the URL and returns every page, in order.
    public static async Task<List<IDocument>> AllAsync(HttpClient client, string url)
    {
        var pages = new List<IDocument>();
        for (string? next = url; next is not null;)
        {
            var (response, page) = await Html.GetAsync(client, next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(page);
            next = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
        }

        return pages;
    }

    // The rows of the people tables of every page: the primary cell's text and the row.
    public static async Task<List<IElement>> RowsAsync(HttpClient client, string url) =>
        (await AllAsync(client, url)).SelectMany(p => p.QuerySelectorAll("#results table tbody tr")).ToList();

    public static Dictionary<string, string> Cards(IDocument page) =>
        page.QuerySelectorAll(".cards .card").ToDictionary(c => c.QuerySelector(".label")!.Text(), c => c.QuerySelector(".count")!.Text());
}
