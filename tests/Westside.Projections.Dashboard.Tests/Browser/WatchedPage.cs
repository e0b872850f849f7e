using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Westside.Projections.Dashboard.Tests.Browser;

// A browser page that records every Content-Security-Policy violation (the DOM's securitypolicyviolation
// event, hooked before any page script runs), every console error and warning, every uncaught error, and
// every response with an error status.
public sealed class WatchedPage : IAsyncDisposable
{
    // Runs in each document before its own scripts (injected by the browser, so the page's CSP does not apply).
    private const string ViolationHook = """
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI);
        });
        """;

    private readonly ConcurrentQueue<string> _problems = new();

    private WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // Chrome's "Failed to load resource" names no URL; the Response hook below records which one.
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _problems.Enqueue($"{message.Type}: {message.Text} ({page.Url})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"page error: {error} ({page.Url})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => _problems.ToList();

    public IReadOnlyList<string> CspViolations => _problems.Where(p => p.Contains("CSP violation", StringComparison.Ordinal)
                                                                     || p.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();

    public static async Task<WatchedPage> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await context.AddInitScriptAsync(ViolationHook);
        // Two shared cores run the projector's tests, node and Chromium side by side: be patient.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return new WatchedPage(context, await context.NewPageAsync());
    }

    // Violations arrive as console events on another thread, some time after the page acted: waits until
    // at least one has arrived or the time is up, then returns what there is.
    public async Task<IReadOnlyList<string>> CspViolationsWithinAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (CspViolations.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return CspViolations;
    }

    public void ClearProblems() => _problems.Clear();

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
