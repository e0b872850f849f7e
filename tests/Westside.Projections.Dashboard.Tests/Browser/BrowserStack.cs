using Microsoft.Playwright;
using Westside.Projections.Dashboard.Tests.Auth;

namespace Westside.Projections.Dashboard.Tests.Browser;

// Everything a person at a browser would meet: the demo club projected into the store by the real
// projector, the local OpenID provider, the dashboard on a real port, and Debian's Chromium driven by
// Playwright (never a downloaded browser).
public sealed class BrowserStack : ClubSignInStack
{
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    // A fresh browser profile (no cookies) whose pages report every CSP violation and console error.
    public async Task<WatchedPage> NewPageAsync() => await WatchedPage.OpenAsync(Browser);

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
