using System.Text.Json;
using Microsoft.Playwright;
using Westside.Projections.Dashboard.Tests.Browser;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// The dashboard as the head coach uses it on a current phone (390 x 844): every page reached from Today
// by tapping what is on the screen, in at most two taps; nothing wider than the screen; no console
// error, CSP violation or failed request on any page; axe-core finds nothing serious or critical;
// the app is installable (manifest and icons). Leaves a first-screen PNG of every page in
// test-artifacts/screenshots/390/ (ops/screenshots copies them to docs/screenshots/).
public class PhoneTests(BrowserFixture club) : IClassFixture<BrowserFixture>
{
    public const int Width = 390;
    public const int Height = 844;

    // Every page of the site's map, as the README lists them.
    public static TheoryData<string, string> Pages => new()
    {
        { "today", "/" },
        { "triage", "/triage" },
        { "cohorts", "/cohorts" },
        { "clusters", "/clusters" },
        { "jerseys", "/jerseys" },
        { "contracts", "/contracts" },
        { "dues", "/dues" },
        { "tournaments", "/tournaments" },
        { "gaps", "/gaps" },
        { "outbox", "/outbox" },
        { "projections", "/projections" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_is_two_taps_from_Today_on_the_screen_and_fits_it(string name, string path)
    {
        await using var watched = await OpenAsync("/");
        var page = watched.Page;
        var taps = new List<string>();

        var tab = page.Locator($"nav .nav-tabs > li > a[href='{path}']");
        if (await tab.CountAsync() == 1 && await tab.IsVisibleAsync())
        {
            await TapAsync(page, tab, taps);
        }
        else
        {
            await TapAsync(page, page.Locator("nav details.nav-menu > summary"), taps);
            await TapAsync(page, page.Locator($"nav .nav-menu-list a[href='{path}']"), taps);
        }

        await AddressBar.WaitForSuffixAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.InRange(taps.Count, 1, 2);
        Assert.Equal("page", await page.Locator($"nav a[href='{path}'][aria-current='page']").First.GetAttributeAsync("aria-current"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"{path} is wider than the {Width} px screen");

        await ScreenshotAsync(page, name);
        await page.WaitForTimeoutAsync(200);
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task The_menu_opens_and_closes_with_the_keyboard_and_says_which_page_is_open()
    {
        await using var watched = await OpenAsync("/jerseys");
        var page = watched.Page;
        var summary = page.Locator("nav details.nav-menu > summary");

        Assert.Equal("page", await page.Locator("nav .nav-tabs > li > a[href='/jerseys']").GetAttributeAsync("aria-current"));
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.Locator("nav .nav-menu-list a[href='/outbox']").IsVisibleAsync());
        await ScreenshotAsync(page, "menu");
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await page.Locator("nav .nav-menu-list a[href='/outbox']").IsVisibleAsync());
        Assert.True(await summary.EvaluateAsync<bool>("s => document.activeElement === s"));

        await page.GotoAsync(club.Web.BaseUrl + "/outbox");
        Assert.Equal("More pages, now on Outbox", await summary.GetAttributeAsync("aria-label"));
        Assert.Contains("current", (await summary.GetAttributeAsync("class"))!, StringComparison.Ordinal);
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_page_in_light_and_dark()
    {
        var axe = RepoPaths.Combine("tests", "Westside.Projections.Dashboard.Tests", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: run `npm ci` in tests/Westside.Projections.Dashboard.Tests (ops/test does).");
        var family = club.Data.Parents.OrderBy(p => p.Id).First().Id;
        var paths = Pages.Select(row => (string)row[1]).Append($"/families/{family}").ToList();
        var found = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            // Injecting axe is an inline script as far as the page's CSP goes: this context alone bypasses
            // the policy; every other test here runs under it.
            await using var context = await club.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = Width, Height = Height }, BypassCSP = true, ColorScheme = scheme,
            });
            await context.AddCookiesAsync([club.Web.SessionCookie()]);
            var page = await context.NewPageAsync();
            foreach (var path in paths)
            {
                await page.GotoAsync(club.Web.BaseUrl + path);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                found.AddRange((await AxeAsync(page, axe)).Select(v => $"{scheme} {path}: {v}"));
                if (scheme == ColorScheme.Dark && path == "/")
                {
                    await ScreenshotAsync(page, "today-dark");
                }
            }

            // The open menu too: it covers the page.
            await page.GotoAsync(club.Web.BaseUrl + "/");
            await page.Locator("nav details.nav-menu > summary").ClickAsync();
            found.AddRange((await AxeAsync(page, axe)).Select(v => $"{scheme} / with the menu open: {v}"));
        }

        Assert.True(found.Count == 0, "axe-core found:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task The_manifest_is_valid_for_the_browser_and_every_icon_loads_without_signing_in()
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(club.Web.BaseUrl) };
        using var response = await anonymous.GetAsync("/site.webmanifest");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("Westside Projections", root.GetProperty("name").GetString());
        Assert.Equal("Westside", root.GetProperty("short_name").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("background_color").GetString());

        var icons = root.GetProperty("icons").EnumerateArray()
            .Select(i => (Src: i.GetProperty("src").GetString()!, Sizes: i.GetProperty("sizes").GetString()!, Type: i.GetProperty("type").GetString()!,
                Purpose: i.GetProperty("purpose").GetString()!))
            .ToList();
        Assert.Contains(icons, i => i.Sizes == "192x192" && i.Purpose == "any");
        Assert.Contains(icons, i => i.Sizes == "512x512" && i.Purpose == "any");
        Assert.Contains(icons, i => i.Sizes == "512x512" && i.Purpose == "maskable");
        var files = icons.Select(i => (i.Src, i.Type, i.Sizes))
            .Append(("/favicon.ico", "image/x-icon", "48x48"))
            .Append(("/icons/apple-touch-icon.png", "image/png", "180x180"));
        foreach (var (src, type, sizes) in files)
        {
            using var icon = await anonymous.GetAsync(src);
            Assert.True(icon.StatusCode == System.Net.HttpStatusCode.OK, $"{src} answered {(int)icon.StatusCode}");
            Assert.Equal(type, icon.Content.Headers.ContentType?.MediaType);
            var bytes = await icon.Content.ReadAsByteArrayAsync();
            if (type == "image/png")
            {
                // The PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
                var (w, h) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)),
                    System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
                Assert.Equal(sizes, $"{w}x{h}");
            }
        }

        // The browser's own reading of the manifest, linked from a page: no parse errors, every icon decoded.
        await using var watched = await OpenAsync("/");
        var cdp = await watched.Context.NewCDPSessionAsync(watched.Page);
        var parsed = await cdp.SendAsync("Page.getAppManifest");
        Assert.EndsWith("/site.webmanifest", parsed!.Value.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(parsed.Value.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        foreach (var src in icons.Select(i => i.Src).Append("/favicon.ico").Append("/icons/apple-touch-icon.png"))
        {
            var size = await watched.Page.EvaluateAsync<int[]>("""
                async src => { const img = new Image(); img.src = src; await img.decode(); return [img.naturalWidth, img.naturalHeight]; }
                """, src);
            Assert.True(size[0] > 0 && size[1] > 0, $"{src} did not decode");
        }

        Assert.Equal(1, await watched.Page.Locator("head link[rel=manifest]").CountAsync());
        Assert.Equal(1, await watched.Page.Locator("head link[rel=apple-touch-icon]").CountAsync());
        Assert.Equal("#161616", await watched.Page.Locator("head meta[name=theme-color]").GetAttributeAsync("content"));
        Assert.Equal(0, await watched.Page.EvaluateAsync<int>("navigator.serviceWorker.getRegistrations().then(r => r.length)"));
        Assert.Empty(watched.Problems);
    }

    private async Task<WatchedPage> OpenAsync(string path)
    {
        var watched = await WatchedPage.OpenAsync(club.Browser);
        await watched.Context.AddCookiesAsync([club.Web.SessionCookie()]);
        var response = await watched.Page.GotoAsync(club.Web.BaseUrl + path);
        Assert.Equal(200, response!.Status);
        await watched.Page.WaitForFunctionAsync("window.htmx !== undefined");
        return watched;
    }

    // The first screen, as a phone shows it (small PNGs: the README shows them from docs/screenshots/).
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = RepoPaths.Combine("test-artifacts", "screenshots", "390");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png") });
    }

    // A tap on an element that must be fully inside the visible screen (no scrolling to find it).
    private static async Task TapAsync(IPage page, ILocator target, List<string> taps)
    {
        var box = await target.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Width && box.Y + box.Height <= Height,
            $"{await target.EvaluateAsync<string>("e => e.outerHTML.slice(0, 80)")} is at {box.X},{box.Y} {box.Width}x{box.Height}, not inside the {Width}x{Height} screen");
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        taps.Add(await target.EvaluateAsync<string>("e => e.textContent.trim()"));
    }

    // axe-core's serious and critical violations on the page as it is now, one line per rule.
    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page, string axe)
    {
        if (!await page.EvaluateAsync<bool>("typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        }

        return await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}) on ${v.nodes.length}: ` + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)).join(' | '));
            }
            """);
    }
}
