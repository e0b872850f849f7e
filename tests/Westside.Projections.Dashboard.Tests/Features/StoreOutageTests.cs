using System.Net;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// With the store unreachable there is nothing to show: a clear page, never a stack trace.
public sealed class StoreOutageTests : IDisposable
{
    // Nothing listens on port 1. The signed-in session stays readable (keys in memory), as for a dashboard
    // that was running when the store went down.
    private readonly DashboardApp _app = new("postgres://westside:secret@127.0.0.1:1/westside_store") { KeysLoadedBeforeOutage = true };

    [Theory]
    [InlineData("/")]
    [InlineData("/triage")]
    [InlineData("/families/1")]
    [InlineData("/projections")]
    public async Task Pages_say_the_store_is_unavailable(string path)
    {
        var (response, page) = await Html.GetAsync(_app.CreateClient(), path);
        var text = page.Body!.TextContent;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Read store unavailable", page.QuerySelector("main h1")!.Text());
        Assert.Contains("Read store unreachable.", page.QuerySelector("#freshness.down")!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_htmx_swap_gets_a_short_error_fragment()
    {
        var response = await _app.Htmx().GetAsync("/triage?status=sent");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("<div class=\"notice bad\"", html.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_polled_badge_turns_red_instead_of_failing()
    {
        var response = await _app.Htmx().GetAsync("/freshness");
        var badge = (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("#freshness")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("freshness down", badge.ClassName);
    }

    [Fact]
    public async Task Api_and_health_answer_503_with_json_and_no_details()
    {
        var api = await _app.CreateClient().GetAsync("/api/triage");
        var health = await _app.CreateClient().GetAsync("/healthz");
        var apiBody = await api.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", apiBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"status\":\"down\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_files_are_still_served()
    {
        var css = await _app.CreateClient().GetAsync("/css/site.css");
        var htmx = await _app.CreateClient().GetAsync("/lib/htmx.min.js");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.Contains("htmx", await htmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
