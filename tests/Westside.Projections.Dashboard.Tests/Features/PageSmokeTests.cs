using System.Net;
using System.Text.RegularExpressions;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// Every page and API route renders from a store the real projector filled: one theory over
// (path, expected text), plus what every page shares (layout, freshness badge, no inline code).
public partial class PageSmokeTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Today" },
        { "/triage", "Triage" },
        { "/cohorts", "Cohorts" },
        { "/clusters", "Clusters" },
        { "/jerseys", "Jerseys" },
        { "/contracts", "Contracts audit" },
        { "/dues", "Monthly dues" },
        { "/dues?view=teams", "By team" },
        { "/tournaments", "Tournaments" },
        { "/gaps", "Data gaps" },
        { "/families/1", "Emails sent to this family" },
        { "/projections", "Projections" },
    };

    public static TheoryData<string, string> Apis => new()
    {
        { "/api/today", "\"actionables\"" },
        { "/api/triage", "\"groups\"" },
        { "/api/cohorts", "\"unsigned\"" },
        { "/api/cohorts/unsigned", "\"emails\"" },
        { "/api/cohorts/unsigned?scope=team:none", "\"scope\":\"team:none\"" },
        { "/api/clusters", "\"clusters\"" },
        { "/api/jerseys", "\"groups\"" },
        { "/api/contracts", "\"contracts\"" },
        { "/api/dues", "\"pastDue\"" },
        { "/api/tournaments", "\"tournaments\"" },
        { "/api/gaps", "\"items\"" },
        { "/api/families/1", "\"kids\"" },
        { "/api/projections", "\"logHead\"" },
        { "/api/freshness", "\"asOf\"" },
        { "/healthz", "\"status\":\"ok\"" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_its_heading_inside_the_layout(string path, string expected)
    {
        var (response, page) = await Html.GetAsync(club.App.CreateClient(), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.Contains(expected, page.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.Equal(11, page.QuerySelectorAll("nav.nav a").Length);
        var badge = page.QuerySelector("#freshness")!;
        Assert.Matches(@"^as of \d\d:\d\d:\d\d, \d+ s ago$", badge.Text());
        Assert.Equal("/freshness", badge.GetAttribute("hx-get"));
        Assert.Contains("X-CSRF-TOKEN", page.Body!.GetAttribute("hx-headers"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Every_api_route_returns_json(string path, string expected)
    {
        var response = await club.App.CreateClient().GetAsync(path);
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, json, StringComparison.Ordinal);
    }

    // A strict Content-Security-Policy (no unsafe-inline) is added with sign-in: nothing inline may break it.
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task No_page_has_inline_script_or_style(string path, string _)
    {
        var html = await club.App.CreateClient().GetStringAsync(path);
        var page = await Html.ParseAsync(html);

        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), s.OuterHtml));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotContain("hx-on", html, StringComparison.Ordinal);
        Assert.Equal(
            """{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"historyCacheSize":0,"refreshOnHistoryMiss":true,"historyRestoreAsHxRequest":false}""",
            page.QuerySelector("meta[name=htmx-config]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/triage?status=sent")]
    [InlineData("/cohorts?cohort=declined")]
    [InlineData("/clusters?age=12U")]
    [InlineData("/jerseys?status=unpaid")]
    [InlineData("/contracts?status=signed")]
    [InlineData("/dues?view=teams&status=active")]
    [InlineData("/tournaments?fee=unpaid")]
    [InlineData("/gaps?gap=player-without-team")]
    public async Task An_htmx_request_gets_the_results_fragment_and_a_normal_one_the_page(string path)
    {
        var fragment = await club.App.Htmx().GetAsync(path);
        var fragmentHtml = (await fragment.Content.ReadAsStringAsync()).TrimStart();
        var full = await club.App.CreateClient().GetStringAsync(path);

        Assert.Contains("HX-Request", fragment.Headers.Vary);
        Assert.StartsWith("<section id=\"results\"", fragmentHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav class=\"nav\"", fragmentHtml, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", full, StringComparison.Ordinal);
        Assert.Contains("<section id=\"results\"", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_restore_gets_the_whole_page_even_though_htmx_asks()
    {
        var client = club.App.Htmx();
        client.DefaultRequestHeaders.Add("HX-History-Restore-Request", "true");

        var html = await client.GetStringAsync("/triage?status=sent");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_freshness_badge_polls_as_a_fragment()
    {
        var html = await club.App.Htmx().GetStringAsync("/freshness");
        var badge = (await Html.ParseAsync(html)).QuerySelector("#freshness")!;

        Assert.Equal("freshness", badge.ClassName);
        Assert.Equal($"every {DashboardApp.RelaxedPollIntervalMs}ms", badge.GetAttribute("hx-trigger"));
        Assert.Matches(@"^as of \d\d:\d\d:\d\d, \d+ s ago$", badge.Text());
    }

    [Fact]
    public async Task Unknown_pages_and_families_get_a_friendly_not_found_page()
    {
        foreach (var path in new[] { "/no-such-page", "/families/999999", "/players/999999" })
        {
            var (response, page) = await Html.GetAsync(club.App.CreateClient(), path);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Not found", page.QuerySelector("main h1")!.Text());
            Assert.NotNull(page.QuerySelector("nav.nav"));
        }
    }

    [Fact]
    public async Task A_malformed_filter_is_a_bad_request_page_not_a_stack_trace()
    {
        var (response, page) = await Html.GetAsync(club.App.CreateClient(), "/triage?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad address", page.QuerySelector("main h1")!.Text());
        Assert.DoesNotContain("   at ", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
