using Microsoft.Playwright;
using Npgsql;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Outbox;

// The stalled scenario in a real browser on a 375 px phone, under a strict Content-Security-Policy
// (no inline script or style): the verdict is on the first screen, nothing scrolls sideways, the
// charts fit, htmx refreshes the view by itself. Leaves .local/screenshots/outbox-stalled-375*.png
// (whole page, first screen, charts) for a person to look at.
public sealed class OutboxBrowserTests : IAsyncLifetime
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

    private readonly OutboxPageLab _lab = new();
    private KestrelDashboardApp? _server;

    public Task InitializeAsync() => _lab.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task The_stalled_scenario_reads_on_a_375_px_phone_under_a_strict_CSP()
    {
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', {_lab.Signed[2].Id}, 'processed', 1, now() - g * interval '50 minutes', now() - g * interval '50 minutes' + (2 + g % 5) * interval '1 second'
            from generate_series(2, 20) g;
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at) values
              ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, null, now() - interval '47 minutes'),
              ('contract_signed', {_lab.Signed[1].Id}, 'pending', 1, 'SMTP 421 service not available, try again later', now() - interval '12 minutes');
            """);
        await _lab.ProjectAsync();
        await SeedDayOfHistoryAsync();

        // On a real port, with the admin session cookie the browser carries (sign-in is tested in Auth/).
        _server = new KestrelDashboardApp(_lab.Store, DashboardApp.RelaxedPollIntervalMs);
        var address = _server.BaseUrl;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 812 }, DeviceScaleFactor = 2 });
        await page.Context.AddCookiesAsync([_server.SessionCookie()]);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.RouteAsync("**/*", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = Csp };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });

        await page.GotoAsync($"{address}/outbox");
        var refresh = page.WaitForRequestAsync(
            r => r.Url.EndsWith("/outbox", StringComparison.Ordinal) && r.Headers.ContainsKey("hx-request"),
            new() { Timeout = 12_000 });

        var headline = page.Locator(".outbox-status .headline");
        Assert.Equal("2 pending, oldest 47 min — worker stalled?", await headline.InnerTextAsync());
        var box = (await page.Locator(".outbox-status").BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height < 812 / 2, $"the verdict ends at {box.Y + box.Height} px, below the top half of the first screen");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways at 375 px");
        foreach (var chart in await page.Locator("svg.chart-svg").AllAsync())
        {
            var size = (await chart.BoundingBoxAsync())!;
            Assert.InRange(size.Width, 300, 375);
            Assert.InRange(size.X, 0, 375 - size.Width);
        }

        var fontSize = await page.Locator("svg.chart-svg text.chart-axis").First.EvaluateAsync<double>(
            "t => t.getBoundingClientRect().height");
        Assert.True(fontSize >= 9, $"chart labels are {fontSize} px tall");

        var screenshots = RepoPaths.Combine(".local", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outbox-stalled-375.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outbox-stalled-375-first-screen.png") });
        await page.Locator(".charts").ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outbox-stalled-375-charts.png") });

        await refresh;
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("2 pending, oldest 47 min — worker stalled?", await headline.InnerTextAsync());
        Assert.Empty(violations);
    }

    // A day of raw samples before the current one, as a running projector leaves them: quiet, a
    // burst nine hours ago that drained in minutes, and the stall of the last 47 minutes.
    private async Task SeedDayOfHistoryAsync()
    {
        await using var store = NpgsqlDataSource.Create(_lab.Store);
        // The first observed sample (the projector has reconstructed the week before it, too).
        await using var cmd = store.CreateCommand("select min(sampled_at) from outbox_samples where resolution = 'raw'");
        var now = new DateTimeOffset((DateTime)(await cmd.ExecuteScalarAsync())!, TimeSpan.Zero);
        await using var conn = await store.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        for (var at = now - TimeSpan.FromHours(24); at < now - TimeSpan.FromMinutes(1); at += TimeSpan.FromMinutes(2))
        {
            var ago = now - at;
            var (pending, oldest) =
                ago < TimeSpan.FromMinutes(47) ? (ago < TimeSpan.FromMinutes(12) ? 2 : 1, (TimeSpan.FromMinutes(47) - ago).TotalSeconds)
                : ago > TimeSpan.FromHours(9) && ago < TimeSpan.FromHours(9.2) ? (12, 40.0)
                : (0, 0.0);
            var sample = new OutboxSample(OutboxSample.AllTypes, at, pending, pending > 0 ? oldest : null, 0, 0,
                OutboxAttempts.Histogram([pending]), OutboxLatency.None, OutboxLatency.None, OutboxAttempts.Histogram([]), [], []);
            await using var insert = new NpgsqlCommand(
                "insert into outbox_samples (sampled_at, resolution, event_type, data) values (@at, 'raw', '*', @data::jsonb)", conn, tx);
            insert.Parameters.AddWithValue("at", at.UtcDateTime);
            insert.Parameters.AddWithValue("data", ReadModel.Projections.DocumentJson.Serialize(sample));
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }
}
