using System.Net;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The rebuild button is the dashboard's one write. Without the antiforgery token that this session's page
// carries, nothing is filed; with it, the request and its audit entry (who, by subject id) are filed together.
public sealed class RebuildAntiforgeryTests(SignInStack stack) : IClassFixture<SignInStack>, IAsyncLifetime
{
    public Task InitializeAsync() => stack.StoreExecAsync("""
        insert into projections (name, live_generation) values ('triage', 1), ('jerseys', 1), ('dues', 1)
        on conflict (name) do nothing
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    private Uri At(string path) => new(stack.Root, path);

    private Task<long> Requests(string projection) =>
        stack.StoreScalarAsync<long>($"select count(*) from rebuild_requests where projection = '{projection}'");

    private Task<long> Audits(string projection) =>
        stack.StoreScalarAsync<long>($"select count(*) from audit_log where action = 'rebuild.requested' and detail->>'projection' = '{projection}'");

    [Fact]
    public async Task A_rebuild_post_without_the_antiforgery_token_is_rejected_and_files_nothing()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");

        var form = await browser.Http.PostAsync(At("/projections/triage/rebuild"), new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var htmx = new HttpRequestMessage(HttpMethod.Post, At("/projections/triage/rebuild"));
        htmx.Headers.Add("HX-Request", "true");
        var swap = await browser.Http.SendAsync(htmx);

        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, swap.StatusCode);
        Assert.Equal(0, await Requests("triage"));
        Assert.Equal(0, await Audits("triage"));
        Assert.DoesNotContain(stack.Log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task A_token_from_another_browsers_session_is_rejected()
    {
        using var mine = new HttpBrowser();
        using var other = new HttpBrowser();
        await mine.SignInAsync(At("/projections"), "marcus", "demo");
        var otherPage = await other.SignInAsync(At("/projections"), "marcus", "demo");
        var otherToken = HttpBrowser.HiddenInput(otherPage.Body, "__RequestVerificationToken");

        using var request = new HttpRequestMessage(HttpMethod.Post, At("/projections/jerseys/rebuild"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("X-CSRF-TOKEN", otherToken);
        var response = await mine.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Requests("jerseys"));
    }

    [Fact]
    public async Task With_the_pages_token_the_rebuild_is_filed_and_audited_under_the_subject_id_and_shown_on_the_page()
    {
        using var browser = new HttpBrowser();
        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");
        var token = HttpBrowser.HiddenInput(page.Body, "__RequestVerificationToken");

        using var request = new HttpRequestMessage(HttpMethod.Post, At("/projections/dues/rebuild"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await Requests("dues"));
        Assert.Equal(OidcProvider.MarcusSubject, await stack.StoreScalarAsync<string>(
            "select requested_by from rebuild_requests where projection = 'dues'"));
        Assert.Equal(OidcProvider.MarcusSubject, await stack.StoreScalarAsync<string>(
            "select actor from audit_log where action = 'rebuild.requested' and detail->>'projection' = 'dues'"));

        var after = HttpBrowser.Parse((await browser.GoAsync(At("/projections"))).Body);
        var row = after.QuerySelectorAll("#audit tbody tr").Single(r => r.TextContent.Contains("projection: dues", StringComparison.Ordinal));
        Assert.Contains("rebuild.requested", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(OidcProvider.MarcusSubject, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("you", row.QuerySelector(".chip")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_says_who_asked_by_login_name_with_the_subject_id_beside_it_and_the_log_keeps_ids_only()
    {
        await stack.StoreExecAsync("insert into projections (name, live_generation) values ('clusters', 1) on conflict (name) do nothing");
        using var browser = new HttpBrowser();
        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");
        using var request = new HttpRequestMessage(HttpMethod.Post, At("/projections/clusters/rebuild"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("X-CSRF-TOKEN", HttpBrowser.HiddenInput(page.Body, "__RequestVerificationToken"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.SendAsync(request)).StatusCode);

        var after = HttpBrowser.Parse((await browser.GoAsync(At("/projections"))).Body);
        var audit = after.QuerySelectorAll("#audit tbody tr").First(r => r.TextContent.Contains("projection: clusters", StringComparison.Ordinal));
        var asked = after.QuerySelectorAll("table tbody tr").First(r => r.QuerySelector("td[data-label='Projection']")?.TextContent == "clusters");

        Assert.Equal("marcus", audit.QuerySelector("td[data-label='By'] .who")!.TextContent);
        Assert.Equal(OidcProvider.MarcusSubject, audit.QuerySelector("td[data-label='By'] .subject")!.TextContent);
        Assert.Equal("marcus", asked.QuerySelector("td[data-label='Asked by'] .who")!.TextContent);
        Assert.Equal(OidcProvider.MarcusSubject, asked.QuerySelector("td[data-label='Asked by'] .who")!.GetAttribute("title"));
        Assert.Equal("marcus", await stack.StoreScalarAsync<string>(
            $"select username from staff_names where subject = '{OidcProvider.MarcusSubject}'"));
        Assert.DoesNotContain(stack.Log.Lines, l => l.ToString().Contains("marcus", StringComparison.OrdinalIgnoreCase));
    }
}
