using System.Net;
using Westside.Projections.Dashboard.Security;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Every route the app maps is closed without a session and closed to a signed-in user without the
// required role; only the sign-in endpoints and /healthz are open. A route added later is crawled too.
public sealed class RouteCrawlTests(SignInStack stack) : IClassFixture<SignInStack>
{
    // Open on purpose: probes (/healthz), starting a sign-in, and signing out (a user without the role must
    // be able to). Static files are served before routing and are not endpoints.
    private static readonly string[] Open = ["GET /healthz", "GET /signin", "POST /signout"];

    private IReadOnlyList<AppRoutes.Route> Routes => AppRoutes.All(stack.Dashboard.Services);

    private IEnumerable<AppRoutes.Route> Closed => Routes.Where(r => !Open.Contains(r.ToString()));

    private Uri At(string path) => new(stack.Root, path);

    [Fact]
    public void Only_healthz_and_the_sign_in_endpoints_allow_anonymous_access()
    {
        var anonymous = Routes.Where(r => r.AllowsAnonymous).Select(r => r.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(Open.Order(StringComparer.Ordinal), anonymous);
        Assert.True(Closed.Count() >= 4, "the crawl found the app's routes: " + string.Join(", ", Routes));
    }

    [Fact]
    public async Task Without_a_session_every_page_redirects_to_sign_in_and_everything_else_answers_401()
    {
        using var browser = new HttpBrowser();
        var wrong = new List<string>();
        foreach (var route in Closed)
        {
            using var response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), At(route.Path)));
            var expected = route.IsPageNavigation ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized;
            if (response.StatusCode != expected
                || (expected == HttpStatusCode.Redirect && !IsSignIn(response.Headers.Location!.ToString()))
                || response.Content.Headers.ContentType?.MediaType is "text/html" && expected == HttpStatusCode.Unauthorized)
            {
                wrong.Add($"{route} -> {(int)response.StatusCode} {response.Headers.Location}");
            }

            AssertSecurityHeaders(route, response);
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Without_a_session_every_htmx_request_gets_401_with_HX_Redirect()
    {
        using var browser = new HttpBrowser();
        var wrong = new List<string>();
        foreach (var route in Closed)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), At(route.Path));
            request.Headers.Add("HX-Request", "true");
            using var response = await browser.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized
                || !response.Headers.TryGetValues("HX-Redirect", out var target)
                || !target.Single().StartsWith("/signin", StringComparison.Ordinal))
            {
                wrong.Add($"{route} -> {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task With_a_session_without_the_admin_role_every_route_answers_403()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/signin"), "coach", "demo");
        var wrong = new List<string>();
        foreach (var route in Closed)
        {
            using var response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), At(route.Path)));
            var body = await response.Content.ReadAsStringAsync();
            var pageOk = route.IsPageNavigation ? body.Contains("id=\"signed-in-as\"", StringComparison.Ordinal) : body.Length == 0;
            if (response.StatusCode != HttpStatusCode.Forbidden || !pageOk)
            {
                wrong.Add($"{route} -> {(int)response.StatusCode} ({body.Length} bytes)");
            }

            AssertSecurityHeaders(route, response);
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_url_that_matches_no_route_is_closed_too()
    {
        using var anonymous = new HttpBrowser();
        using var coach = new HttpBrowser();
        await coach.SignInAsync(At("/signin"), "coach", "demo");

        var withoutSession = await anonymous.Http.GetAsync(At("/no-such-page"));
        var withoutRole = await coach.Http.GetAsync(At("/no-such-page"));

        Assert.Equal(HttpStatusCode.Redirect, withoutSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
    }

    private static bool IsSignIn(string location) =>
        location == "/signin" || location.StartsWith("/signin?returnUrl=", StringComparison.Ordinal);

    private void AssertSecurityHeaders(AppRoutes.Route route, HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : null;
        Assert.True(csp == ContentSecurityPolicy.For(new Uri(stack.Provider.Issuer).GetLeftPart(UriPartial.Authority)),
            $"{route}: Content-Security-Policy was '{csp}'");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
