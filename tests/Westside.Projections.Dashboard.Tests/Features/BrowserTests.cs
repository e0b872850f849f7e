using Microsoft.Playwright;
using Westside.Projections.Dashboard.Tests.Browser;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// A real browser on a real port, under a strict Content-Security-Policy: screenshots of the pages
// Marcus opens on his phone (375 px) and at a desk (1280 px), written to test-artifacts/screenshots/,
// with the checks a person would make looking at them: nothing wider than the screen, every tap
// target at least 44 px, text at a readable size; and htmx working (filters, Back, Copy, polling).
public class BrowserTests(BrowserFixture club) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, int> Screens => new()
    {
        { "today", "/", 375 },
        { "today", "/", 1280 },
        { "triage", "/triage", 375 },
        { "triage", "/triage", 1280 },
        { "cohorts", "/cohorts", 375 },
        { "cohorts", "/cohorts", 1280 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Screenshot_fits_the_screen_with_big_tap_targets_and_readable_text(string name, string path, int width)
    {
        var (page, problems) = await OpenAsync(path, width);

        var directory = RepoPaths.Combine("test-artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}-{width}.png"), FullPage = true });

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"{path} at {width} px is wider than the screen");
        Assert.Empty(await page.EvaluateAsync<string[]>(SmallTapTargets));
        Assert.Empty(await page.EvaluateAsync<string[]>(SmallText));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_filter_swaps_only_the_results_pushes_the_url_and_back_restores_the_view()
    {
        var (page, problems) = await OpenAsync("/triage", 375);
        await page.EvaluateAsync("document.querySelector('h1').dataset.marker = 'kept'");

        await page.SelectOptionAsync("select[name=status]", "declined");
        await AddressBar.WaitForSuffixAsync(page, "/triage?status=declined");
        await page.WaitForFunctionAsync("[...document.querySelectorAll('#results .chip')].every(c => c.textContent === 'declined')");

        // Only #results was swapped: the page around it is the same DOM.
        Assert.Equal("kept", await page.EvaluateAsync<string>("document.querySelector('h1').dataset.marker"));
        var chips = await page.Locator("#results .chip").AllTextContentsAsync();
        Assert.Equal(club.Data.Players.Count(p => p.ContractStatus == "declined" && p.TeamId is not null) > 0, chips.Count > 0);

        await page.GoBackAsync();
        await AddressBar.WaitForSuffixAsync(page, "/triage");
        await page.WaitForFunctionAsync("[...document.querySelectorAll('#results .chip')].some(c => c.textContent !== 'declined')");
        Assert.Equal("", await page.InputValueAsync("select[name=status]"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Copy_puts_the_whole_cohort_on_the_clipboard_in_one_tap()
    {
        var context = await club.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 800 },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = club.Web.BaseUrl });
        await context.AddCookiesAsync([club.Web.SessionCookie()]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(club.Web.BaseUrl + "/cohorts");

        await page.ClickAsync("button[data-copy]");
        await page.WaitForFunctionAsync("document.querySelector('button[data-copy]').textContent.startsWith('Copied')");

        var clipboard = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Equal(await page.InputValueAsync("#cohort-emails"), clipboard);
        Assert.Contains('@', clipboard);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_freshness_badge_refreshes_by_polling_and_warns_when_the_projector_stops()
    {
        var (page, problems) = await OpenAsync("/", 375);
        await page.WaitForSelectorAsync("#freshness:not(.stale)");

        var poll = await page.WaitForResponseAsync(r => r.Url.EndsWith("/freshness", StringComparison.Ordinal));
        Assert.Equal(200, poll.Status);

        await club.StopProjectorAsync();
        var stale = await page.WaitForSelectorAsync("#freshness.stale", new() { Timeout = 15_000 });
        Assert.Matches(@"No update since \d\d:\d\d:\d\d", await stale!.TextContentAsync());
        Assert.Empty(problems);
    }

    // Opens a page at a width, collecting console errors (a CSP violation is one) and failed requests.
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string path, int width)
    {
        var page = await club.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await page.Context.AddCookiesAsync([club.Web.SessionCookie()]);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"{request.Url}: {request.Failure}");
        var response = await page.GotoAsync(club.Web.BaseUrl + path);
        Assert.Equal(200, response!.Status);
        await page.WaitForFunctionAsync("window.htmx !== undefined");
        return (page, problems);
    }

    // Visible controls smaller than 44 x 44 px (WCAG 2.5.5): links, buttons, form fields, summaries.
    private const string SmallTapTargets = """
        [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), summary')]
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !e.closest('.visually-hidden'); })
          .filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
          .map(e => `${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)} ${e.outerHTML.slice(0, 100)}`)
        """;

    // Text nodes rendered below 12 px.
    private const string SmallText = """
        [...document.querySelectorAll('body *')]
          .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 0))
          .filter(e => e.getBoundingClientRect().height > 0 && parseFloat(getComputedStyle(e).fontSize) < 12)
          .map(e => `${getComputedStyle(e).fontSize} ${e.outerHTML.slice(0, 100)}`)
        """;
}
