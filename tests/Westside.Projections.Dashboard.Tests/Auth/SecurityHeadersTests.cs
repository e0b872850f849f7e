using System.Net;
using Microsoft.AspNetCore.Http;
using Westside.Projections.Dashboard.Security;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Every kind of response carries the security headers: pages, redirects, 401s, static files, /healthz,
// error pages. The CSP is strict: no 'unsafe-inline', no 'unsafe-eval', nothing from other origins except
// the provider as a form target (sign-out redirects there).
public sealed class SecurityHeadersTests(SignInStack stack) : IClassFixture<SignInStack>
{
    private Uri At(string path) => new(stack.Root, path);

    private string ProviderOrigin => new Uri(stack.Provider.Issuer).GetLeftPart(UriPartial.Authority);

    [Fact]
    public void The_policy_allows_nothing_inline_nothing_evaluated_and_no_framing()
    {
        var csp = ContentSecurityPolicy.For(ProviderOrigin);

        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {ProviderOrigin}", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/css/site.css", null)]
    [InlineData("/healthz", null)]
    [InlineData("/projections", null)]
    [InlineData("/api/projections", null)]
    [InlineData("/signin", null)]
    [InlineData("/projections", "admin")]
    [InlineData("/api/projections", "admin")]
    [InlineData("/no-such-page", "admin")]
    [InlineData("/projections", "coach")]
    public async Task Every_response_carries_the_security_headers(string path, string? role)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, At(path));
        if (role is not null)
        {
            request.Headers.Add("Cookie", TestSession.Cookie(stack.Dashboard.Services, "subject-" + role, role, role));
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(ContentSecurityPolicy.For(ProviderOrigin), response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(SecurityHeadersMiddleware.PermissionsPolicy, response.Headers.GetValues("Permissions-Policy").Single());
        // Plain http on loopback: no HSTS (it would pin every local service on this host to https for a year).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_are_not_stored_by_caches_but_versioned_static_files_are()
    {
        using var client = new HttpClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, At("/projections"));
        page.Headers.Add("Cookie", TestSession.AdminCookie(stack.Dashboard.Services));

        var pageResponse = await client.SendAsync(page);
        var css = await client.GetAsync(At("/css/site.css?v=1"));

        Assert.Contains("no-store", pageResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard.example", true)]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    public void Hsts_is_sent_over_tls_except_to_a_loopback_host(string host, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.IsHttps = true;
        context.Request.Host = new HostString(host);

        SecurityHeadersMiddleware.Apply(context, "default-src 'self'");

        Assert.Equal(expected ? SecurityHeadersMiddleware.HstsValue : null, context.Response.Headers.StrictTransportSecurity.ToString() is { Length: > 0 } v ? v : null);
    }

    [Fact]
    public void Hsts_is_not_sent_over_plain_http()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("dashboard.example");

        SecurityHeadersMiddleware.Apply(context, "default-src 'self'");

        Assert.Equal(0, context.Response.Headers.StrictTransportSecurity.Count);
    }
}
