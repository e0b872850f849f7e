using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Westside.Projections.Dashboard.Features.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The sign-in round trip over HTTP against the real provider: who gets in, who gets the 403 page, and how
// requests without a session are answered (redirect for pages, 401 for scripts and htmx swaps).
public sealed class SignInFlowTests(SignInStack stack) : IClassFixture<SignInStack>
{
    private Uri At(string path) => new(stack.Root, path);

    [Fact]
    public async Task Marcus_signs_in_and_lands_on_the_page_he_asked_for()
    {
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(At("/projections"), page.Url);
        Assert.Contains(page.Hops, h => h.AbsolutePath == "/signin-oidc");
        var session = browser.Cookies.GetCookies(stack.Root)["westside-session"];
        Assert.NotNull(session);
        Assert.True(session.HttpOnly);
    }

    [Fact]
    public async Task The_sign_in_request_uses_pkce_s256_a_nonce_and_only_the_scopes_it_needs()
    {
        using var browser = new HttpBrowser();

        var challenge = await browser.Http.GetAsync(At("/signin"));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.StartsWith(stack.Provider.Issuer + "/protocol/openid-connect/auth?", location.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(query["nonce"].ToString().Length >= 43);
        Assert.Equal("openid profile", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(At("/signin-oidc").ToString(), query["redirect_uri"]);
    }

    [Fact]
    public async Task Coach_signs_in_and_gets_the_friendly_403_page_on_the_url_he_asked_for()
    {
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/projections"), "coach", "demo");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(At("/projections"), page.Url);
        var document = HttpBrowser.Parse(page.Body);
        Assert.Equal("coach", document.QuerySelector("#signed-in-as")!.TextContent);
        Assert.Contains("ask Marcus (the head coach) or the club admin", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(OidcProvider.CoachSubject, page.Body, StringComparison.Ordinal);
        var form = document.QuerySelector("form[action='/signout']")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Single(form.QuerySelectorAll("input[name='__RequestVerificationToken']"));
        // Nothing from the store: no navigation to the pages, no data.
        Assert.Null(document.QuerySelector("nav"));
    }

    [Fact]
    public async Task Coach_gets_a_bare_403_from_the_api_and_from_htmx_swaps()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "coach", "demo");

        var api = await browser.Http.GetAsync(At("/api/projections"));
        using var swap = new HttpRequestMessage(HttpMethod.Get, At("/projections"));
        swap.Headers.Add("HX-Request", "true");
        var htmx = await browser.Http.SendAsync(swap);

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, htmx.StatusCode);
        Assert.Equal("", await htmx.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_login_form_and_makes_no_session()
    {
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/projections"), "marcus", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith(stack.Provider.Issuer, page.Url.ToString(), StringComparison.Ordinal);
        Assert.NotNull(HttpBrowser.Parse(page.Body).QuerySelector("#input-error"));
        Assert.Null(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
    }

    [Fact]
    public async Task Without_a_session_a_page_redirects_to_sign_in_keeping_the_path_and_query()
    {
        using var browser = new HttpBrowser();

        var response = await browser.Http.GetAsync(At("/projections?tab=all"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fprojections%3Ftab%3Dall", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_a_session_the_api_answers_401_without_a_redirect()
    {
        using var browser = new HttpBrowser();

        var response = await browser.Http.GetAsync(At("/api/projections"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Without_a_session_an_htmx_swap_gets_401_and_HX_Redirect_to_sign_in_for_the_page_on_screen()
    {
        using var browser = new HttpBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, At("/projections/triage/progress"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", At("/projections?tab=all").ToString());

        var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("/signin?returnUrl=%2Fprojections%3Ftab%3Dall", response.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_htmx_swap_naming_another_site_as_its_page_is_sent_to_sign_in_for_the_requested_path()
    {
        using var browser = new HttpBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, At("/projections"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", "https://evil.example/phish");

        var response = await browser.Http.SendAsync(request);

        Assert.Equal("/signin?returnUrl=%2Fprojections", response.Headers.GetValues("HX-Redirect").Single());
    }

    [Fact]
    public async Task Sign_in_never_returns_to_another_site()
    {
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/signin?returnUrl=" + Uri.EscapeDataString("//evil.example/x")), "marcus", "demo");

        Assert.Equal(stack.Root.Authority, page.Url.Authority);
        Assert.Equal("/", page.Hops[^1].AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_ends_the_dashboard_session_and_the_providers_so_the_next_request_asks_for_the_password()
    {
        using var browser = new HttpBrowser();
        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");
        var token = HttpBrowser.HiddenInput(page.Body, "__RequestVerificationToken");

        var signedOut = await browser.FollowAsync(new HttpRequestMessage(HttpMethod.Post, At("/signout"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        });

        // /signout -> provider end_session (id_token_hint) -> back to / -> /signin -> provider login form.
        Assert.Contains(signedOut.Hops, h => h.AbsolutePath.EndsWith("/protocol/openid-connect/logout", StringComparison.Ordinal)
                                             && h.Query.Contains("id_token_hint=", StringComparison.Ordinal));
        Assert.Contains(signedOut.Hops, h => h == stack.Root);
        Assert.Contains("kc-form-login", signedOut.Body, StringComparison.Ordinal);
        Assert.Null(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
        var next = await browser.Http.GetAsync(At("/projections"));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/signin", next.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains(stack.Log.Lines, l => l.EventId == 2003 && l.State.Contains(OidcProvider.MarcusSubject, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/signout-oidc")]
    [InlineData("/signout-callback-oidc")]
    public async Task A_get_to_the_handlers_own_sign_out_paths_ends_no_session(string path)
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");

        var response = await browser.Http.GetAsync(At(path));

        Assert.NotNull(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(At("/projections"))).StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");

        var response = await browser.Http.PostAsync(At("/signout"), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, string.Join("\n", stack.Log.Lines.Where(l => l.Exception is not null).Select(l => l.ToString())));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(At("/projections"))).StatusCode);
    }

    [Fact]
    public async Task Coach_can_sign_out_from_the_403_page()
    {
        using var browser = new HttpBrowser();
        var denied = await browser.SignInAsync(At("/projections"), "coach", "demo");
        var token = HttpBrowser.HiddenInput(denied.Body, "__RequestVerificationToken");

        var response = await browser.Http.PostAsync(At("/signout"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(stack.Provider.Issuer + "/protocol/openid-connect/logout?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
    }

    [Fact]
    public async Task A_replayed_sign_in_callback_does_not_make_a_second_session()
    {
        using var browser = new HttpBrowser();
        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");
        var callback = page.Hops.Single(h => h.AbsolutePath == "/signin-oidc");

        using var attacker = new HttpBrowser();
        var replay = await attacker.GoAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("Sign-in did not complete", replay.Body, StringComparison.Ordinal);
        Assert.Null(attacker.Cookies.GetCookies(stack.Root)["westside-session"]);
    }

    [Fact]
    public async Task Sign_in_logs_the_subject_id_and_never_the_login_or_display_name()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "coach", "demo");

        var lines = stack.Log.Lines.Select(l => l.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("Signed in subject " + OidcProvider.CoachSubject, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Denied subject " + OidcProvider.CoachSubject, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Casey", StringComparison.OrdinalIgnoreCase)
                                          || l.Contains("coach@westside.example", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_session_cookie_is_lax_httponly_and_sliding_with_the_configured_idle_time()
    {
        var options = stack.Dashboard.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<
            Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>().Get(DashboardAuth.CookieScheme);

        Assert.Equal(SameSiteMode.Lax, options.Cookie.SameSite);
        Assert.True(options.Cookie.HttpOnly);
        Assert.True(options.SlidingExpiration);
        Assert.Equal(TimeSpan.FromHours(8), options.ExpireTimeSpan);
    }
}
