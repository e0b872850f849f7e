using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Westside.Projections.Dashboard.Tests.Browser;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Outbox;

// A new installation: a fresh store, the real projector's first poll over a source whose outbox holds a
// week of rows. The 7-day chart is not empty: it has a point in every bucket of the week, marked
// reconstructed, equal to a plain SQL count over the source at the sampled instants, drawn dashed with
// a legend that says what it is. Leaves test-artifacts/screenshots/390/outbox-7d.png.
public sealed class OutboxHistoryPageTests : IAsyncLifetime
{
    private readonly OutboxPageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task A_fresh_store_charts_a_week_of_reconstructed_history_equal_to_a_plain_count()
    {
        var ids = string.Join(",", _lab.Signed.Select(p => p.Id));
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', (array[{ids}])[1 + g % {_lab.Signed.Count}], 'processed', 1,
                   now() - g * interval '25 minutes', now() - g * interval '25 minutes' + (g % 9) * interval '11 minutes'
            from generate_series(2, 7 * 24 * 60 / 25 + 20) g;
            insert into outbox (event_type, aggregate_id, status, attempts, created_at)
            values ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, now() - interval '3 minutes');
            """);
        await _lab.ProjectAsync();

        var api = await _lab.App.CreateClient().GetFromJsonAsync<JsonElement>("/api/outbox?range=7d");
        var at = api.GetProperty("latest").GetProperty("sampledAt").GetDateTimeOffset();
        var series = api.GetProperty("series").EnumerateArray()
            .Select(p => (At: p.GetProperty("at").GetDateTimeOffset(), Pending: p.GetProperty("pending").GetInt32(),
                Reconstructed: p.GetProperty("reconstructed").GetBoolean()))
            .ToList();
        var week = series.Where(p => p.At + TimeSpan.FromMinutes(30) <= at - TimeSpan.FromDays(1)).ToList();
        Assert.InRange(week.Count, (6 * 48) - 2, 6 * 48);
        Assert.All(week, p => Assert.True(p.Reconstructed, $"{p.At:O} is not marked reconstructed"));
        Assert.True(week[0].At <= at - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(30), $"the chart starts at {week[0].At:O}");
        Assert.True(series.Count(p => p.Reconstructed) > 6 * 48, "the last day has reconstructed points too");
        Assert.False(series[^1].Reconstructed);
        Assert.Contains(week, p => p.Pending > 0);
        foreach (var point in week.Where((_, i) => i % 12 == 0))
        {
            var instant = point.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            var expected = await _lab.SourceCountAsync($"""
                select count(*) from outbox
                where created_at <= '{instant}' and (status = 'pending' or (status = 'processed' and processed_at > '{instant}'))
                """);
            Assert.True(expected == point.Pending, $"at {instant} the chart says {point.Pending} pending, the source {expected}");
        }

        var (_, page) = await Html.GetAsync(_lab.App.CreateClient(), "/outbox?range=7d");
        var chart = page.QuerySelectorAll("svg.chart-svg")[0];
        var dashed = chart.QuerySelector("path.chart-line.reconstructed")!.GetAttribute("d")!;
        Assert.Matches(@"^M3[45](\.\d)? ", dashed); // from the left edge of the plot (x = 34)
        Assert.NotNull(chart.QuerySelector("path.chart-line:not(.reconstructed)"));
        Assert.Contains("reconstructed from the outbox rows' timestamps", page.QuerySelector("#outbox-reconstructed")!.Text(), StringComparison.Ordinal);

        // On a phone, under the app's own CSP: the legend is on the page, nothing scrolls sideways.
        await using var server = new KestrelDashboardApp(_lab.Store, DashboardApp.RelaxedPollIntervalMs);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = BrowserStack.ChromiumArgs,
        });
        await using var watched = await WatchedPage.OpenAsync(browser);
        await watched.Context.AddCookiesAsync([server.SessionCookie()]);
        await watched.Page.GotoAsync(server.BaseUrl + "/outbox?range=7d");
        await watched.Page.Locator("#outbox-reconstructed").ScrollIntoViewIfNeededAsync();
        Assert.True(await watched.Page.Locator("#outbox-reconstructed").IsVisibleAsync());
        Assert.True(await watched.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await watched.Page.EvaluateAsync("window.scrollBy(0, document.querySelector('.tabs').getBoundingClientRect().top - 100)");
        var directory = RepoPaths.Combine("test-artifacts", "screenshots", "390");
        Directory.CreateDirectory(directory);
        await watched.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, "outbox-7d.png") });
        Assert.Empty(watched.Problems);
    }
}
