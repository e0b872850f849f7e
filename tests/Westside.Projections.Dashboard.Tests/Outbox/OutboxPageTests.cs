using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Outbox;

// The Outbox page for each scenario of basketball-api's worker, with the store filled by the real
// projector (its outbox sampler included) from a source the test writes.
public sealed class OutboxPageTests : IAsyncLifetime
{
    private readonly OutboxPageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private async Task<IDocument> PageAsync(string path = "/outbox")
    {
        var (response, page) = await Html.GetAsync(_lab.App.CreateClient(), path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static string Headline(IDocument page) => page.QuerySelector(".outbox-status .headline")!.Text();

    private static string State(IDocument page) => page.QuerySelector(".outbox-status .outbox-state")!.Text();

    private static Dictionary<string, string> Cards(IDocument page) =>
        page.QuerySelectorAll(".outbox .cards .card").ToDictionary(c => c.QuerySelector(".label")!.Text(), c => c.QuerySelector(".count")!.Text());

    private static string[] Latency(IDocument page, string window) =>
        page.QuerySelectorAll($"#outbox-latency tr[data-window='{window}'] td").Select(c => c.Text()).ToArray();

    private static List<(string Player, string? Href, string Attempts, string Error)> Rows(IDocument page, string section) =>
        page.QuerySelectorAll($"#{section} tbody tr").Select(r =>
        {
            var cells = r.QuerySelectorAll("td").ToList();
            return (cells[0].Text(), cells[0].QuerySelector("a")?.GetAttribute("href"), cells[2].Text(), cells[4].Text());
        }).ToList();

    [Fact]
    public async Task Before_the_first_sampling_the_page_says_so_and_healthz_has_no_outbox_yet()
    {
        await _lab.MigrateStoreAsync();

        var page = await PageAsync();
        var health = await _lab.App.CreateClient().GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Contains("No outbox samples yet", page.QuerySelector("#outbox-live .empty")!.Text());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("outbox").ValueKind);
    }

    [Fact]
    public async Task Steady_processing_reads_OK_with_the_p95_and_the_latency_table()
    {
        var ids = string.Join(",", _lab.Signed.Take(20).Select(p => p.Id));
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', p.id, 'processed', 1, now() - g * interval '2 minutes', now() - g * interval '2 minutes' + g * interval '1 second'
            from unnest(array[{ids}]) with ordinality as p(id, g);
            """);
        await _lab.ProjectAsync();

        var page = await PageAsync();

        Assert.Equal("OK", State(page));
        Assert.Equal("OK — 0 pending, p95 19 s", Headline(page));
        Assert.Contains("ok", page.QuerySelector(".outbox-status")!.ClassList);
        Assert.Equal(("0", "–", "0", "19 s"), (Cards(page)["pending"], Cards(page)["oldest pending"], Cards(page)["failed"], Cards(page)["p95, last hour"]));
        Assert.Equal(["20", "10 s", "19 s", "20 s"], Latency(page, "hour"));
        Assert.Null(page.QuerySelector("#outbox-failed"));
        Assert.Null(page.QuerySelector("#outbox-waiting"));
    }

    [Fact]
    public async Task A_stalled_worker_reads_critical_in_one_line_and_names_the_families_waiting()
    {
        var (first, second) = (_lab.Signed[0], _lab.Signed[1]);
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at) values
              ('contract_signed', {first.Id}, 'pending', 0, now() - interval '47 minutes'),
              ('contract_signed', {second.Id}, 'pending', 1, now() - interval '12 minutes');
            """);
        await _lab.ProjectAsync();

        var page = await PageAsync();

        Assert.Equal("Critical", State(page));
        Assert.Equal("2 pending, oldest 47 min — worker stalled?", Headline(page));
        Assert.Contains("critical", page.QuerySelector(".outbox-status")!.ClassList);
        Assert.Equal(("2", "47 min"), (Cards(page)["pending"], Cards(page)["oldest pending"]));
        var waiting = Rows(page, "outbox-waiting");
        Assert.Equal(
            [(_lab.PlayerName(first), $"/families/{first.ParentId}"), (_lab.PlayerName(second), $"/families/{second.ParentId}")],
            waiting.Select(r => (r.Player, r.Href)));
        Assert.Equal("Pending rows: now 2, peak 2.", page.QuerySelectorAll("svg.chart-svg")[0].GetAttribute("aria-label"));
        Assert.Equal("Oldest pending age (min): now 47 min, peak 47 min.", page.QuerySelectorAll("svg.chart-svg")[1].GetAttribute("aria-label"));
        Assert.NotEmpty(page.QuerySelectorAll("svg .chart-threshold.warn"));
        Assert.NotEmpty(page.QuerySelectorAll("svg .chart-threshold.critical"));
    }

    [Fact]
    public async Task Today_carries_the_outbox_verdict_on_its_outbox_card()
    {
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at) values
              ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, now() - interval '47 minutes'),
              ('contract_signed', {_lab.Signed[1].Id}, 'pending', 0, now() - interval '12 minutes');
            """);
        await _lab.ProjectAsync();

        var today = await PageAsync("/");

        var card = today.QuerySelector(".cards .card[data-key='outbox']")!;
        Assert.Equal("/outbox", card.GetAttribute("href"));
        Assert.Contains("bad", card.ClassList);
        Assert.Equal("2", card.QuerySelector(".count")!.Text());
        Assert.Equal("outbox not sent · 2 pending, oldest 47 min — worker stalled?", card.QuerySelector(".label")!.Text());
    }

    [Fact]
    public async Task A_burst_of_young_pending_rows_reads_OK()
    {
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at)
            select 'contract_signed', {_lab.Signed[0].Id}, 'pending', 0, now() - g * interval '100 milliseconds'
            from generate_series(1, 300) g;
            """);
        await _lab.ProjectAsync();

        var page = await PageAsync();

        Assert.Equal("OK", State(page));
        Assert.Equal("OK — 300 pending", Headline(page));
        Assert.Equal("300", Cards(page)["pending"]);
        Assert.Equal(5, Rows(page, "outbox-waiting").Count);
    }

    [Fact]
    public async Task Failures_with_retries_warn_and_show_scrubbed_errors_beside_the_players()
    {
        var (failed, retrying) = (_lab.Signed[0], _lab.Signed[1]);
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at) values
              ('contract_signed', {failed.Id}, 'failed', 5, 'SMTP 550 mailbox unavailable for Jane Doe <jane.doe@example.com>', now() - interval '2 hours'),
              ('contract_signed', {retrying.Id}, 'pending', 2, 'GroupMe 500 for https://groupme.com/join_group/1/secret, call +1 555 123 4567', now() - interval '1 minute');
            """);
        await _lab.ProjectAsync();

        var client = _lab.App.CreateClient();
        var html = await client.GetStringAsync("/outbox");
        var page = await Html.ParseAsync(html);

        Assert.Equal("Warning", State(page));
        Assert.Equal("1 failed, 1 pending", Headline(page));
        Assert.Equal(
            [(_lab.PlayerName(failed), $"/families/{failed.ParentId}", "5", "SMTP 550 mailbox unavailable for [email]")],
            Rows(page, "outbox-failed"));
        Assert.Equal(
            [(_lab.PlayerName(retrying), $"/families/{retrying.ParentId}", "2", "GroupMe 500 for [url] call [phone]")],
            Rows(page, "outbox-retrying"));
        Assert.EndsWith("1 row at 2 attempts · 1 row at 5+ attempts", page.QuerySelector("#outbox-latency + p")!.Text(), StringComparison.Ordinal);
        foreach (var secret in new[] { "jane.doe@example.com", "Jane Doe", "groupme.com/join_group", "555 123 4567" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Recovery_reads_OK_again_and_the_latency_shows_the_wait()
    {
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at) values
              ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, now() - interval '50 minutes'),
              ('contract_signed', {_lab.Signed[1].Id}, 'pending', 0, now() - interval '20 minutes');
            """);
        await _lab.ProjectAsync();
        Assert.Equal("Critical", State(await PageAsync()));

        await _lab.SourceExecAsync("update outbox set status = 'processed', attempts = 1, processed_at = now() where status = 'pending'");
        await _lab.ProjectAsync();

        var page = await PageAsync();

        Assert.Equal("OK", State(page));
        Assert.Equal("OK — 0 pending, p95 50 min", Headline(page));
        Assert.Equal(["2", "20 min", "50 min", "50 min"], Latency(page, "hour"));
        Assert.Null(page.QuerySelector("#outbox-waiting"));
    }

    [Fact]
    public async Task The_cross_checks_count_signed_players_without_an_outbox_row_and_rows_without_a_welcome_email()
    {
        // Half the signed players got a processed contract_signed row; none of those has a welcome email logged
        // unless the generated club logged one.
        var withRow = _lab.Signed.Where((_, i) => i % 2 == 0).ToList();
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, created_at, processed_at)
            select 'contract_signed', id, 'processed', 1, now() - interval '1 hour', now() - interval '59 minutes'
            from unnest(array[{string.Join(",", withRow.Select(p => p.Id))}]) id;
            """);
        await _lab.ProjectAsync();
        var withoutRow = _lab.Signed.Count - withRow.Count;
        var withoutEmail = await _lab.SourceCountAsync("""
            select count(*) from outbox o
            where o.event_type = 'contract_signed' and o.status = 'processed'
              and not exists (select 1 from email_log e where e.player_id = o.aggregate_id and e.email_type = 'contract_signed')
            """);

        var page = await PageAsync();

        var checks = page.QuerySelectorAll("#outbox-checks li").ToDictionary(li => li.GetAttribute("data-gap")!);
        Assert.Equal(withoutRow.ToString(), checks["signed-without-outbox"].QuerySelector(".check-count")!.Text());
        Assert.Equal("/gaps?gap=signed-without-outbox", checks["signed-without-outbox"].QuerySelector(".check-count")!.GetAttribute("href"));
        Assert.Equal(withoutEmail.ToString(), checks["outbox-without-email"].QuerySelector(".check-count")!.Text());
        var links = checks["signed-without-outbox"].QuerySelectorAll(".check-items a[href^='/families/']").Select(a => (a.Text(), a.GetAttribute("href"))).ToList();
        Assert.Equal(Math.Min(5, withoutRow), links.Count);
        var expected = _lab.Signed.Except(withRow).ToDictionary(p => _lab.PlayerName(p), p => $"/families/{p.ParentId}");
        Assert.All(links, l => Assert.Equal(expected[l.Item1], l.Item2));
    }

    [Fact]
    public async Task The_htmx_refresh_gets_only_the_live_fragment_which_polls_every_5_seconds()
    {
        await _lab.SourceExecAsync($"insert into outbox (event_type, aggregate_id, status, attempts, created_at) values ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, now())");
        await _lab.ProjectAsync();

        var response = await _lab.App.Htmx().GetAsync("/outbox?range=7d");
        var html = await response.Content.ReadAsStringAsync();
        var fragment = await Html.ParseAsync(html);

        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var live = fragment.QuerySelector("section#outbox-live")!;
        Assert.Equal(("every 5s", "/outbox?range=7d", "outerHTML"), (live.GetAttribute("hx-trigger"), live.GetAttribute("hx-get"), live.GetAttribute("hx-swap")));
        Assert.Equal("7 days", fragment.QuerySelector(".tabs a[aria-current='page']")!.Text());
        Assert.Equal(["−7d", "−6d", "−5d", "−4d", "−3d", "−2d", "−1d", "now"],
            fragment.QuerySelectorAll("svg.chart-svg")[0].QuerySelectorAll("text.chart-axis").Select(t => t.Text()).Where(t => t.StartsWith('−') || t == "now").Reverse());
    }

    [Fact]
    public async Task The_api_and_healthz_carry_the_same_verdict_and_healthz_no_names_or_errors()
    {
        await _lab.SourceExecAsync($"""
            insert into outbox (event_type, aggregate_id, status, attempts, last_error, created_at) values
              ('contract_signed', {_lab.Signed[0].Id}, 'pending', 0, null, now() - interval '47 minutes'),
              ('contract_signed', {_lab.Signed[1].Id}, 'failed', 5, 'no mailbox for jane@example.com', now() - interval '3 hours');
            """);
        await _lab.ProjectAsync();
        var client = _lab.App.CreateClient();

        var api = await client.GetFromJsonAsync<JsonElement>("/api/outbox");
        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");
        var healthText = await client.GetStringAsync("/healthz");

        Assert.Equal("1 pending, oldest 47 min — worker stalled? · 1 failed", api.GetProperty("health").GetProperty("headline").GetString());
        Assert.Equal(1, api.GetProperty("latest").GetProperty("total").GetProperty("failed").GetInt32());
        var outbox = health.GetProperty("outbox");
        Assert.Equal(("critical", "1 pending, oldest 47 min — worker stalled? · 1 failed", 1, 1),
            (outbox.GetProperty("state").GetString(), outbox.GetProperty("headline").GetString(),
             outbox.GetProperty("pending").GetInt32(), outbox.GetProperty("failed").GetInt32()));
        Assert.InRange(outbox.GetProperty("oldestPendingAgeSeconds").GetDouble(), 47 * 60, 47 * 60 + 60);
        Assert.DoesNotContain("mailbox", healthText, StringComparison.Ordinal);
        Assert.DoesNotContain(_lab.Data.Players.First(p => p.Id == _lab.Signed[0].Id).LastName, healthText, StringComparison.Ordinal);
    }
}
