using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Westside.Projections.Dashboard.Features.Auth;

namespace Westside.Projections.Dashboard.Security;

// Security headers on every response: pages, fragments, JSON, redirects, errors and static files.
// They are added when the response starts (OnStarting), so an error handler that clears the response
// first cannot drop them.
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<OidcOptions> oidc)
{
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    public const string HstsValue = "max-age=31536000";

    private readonly string _csp = ContentSecurityPolicy.For(oidc.Value.AuthorityOrigin);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (http, csp) = ((HttpContext, string))state;
            Apply(http, csp);
            return Task.CompletedTask;
        }, (context, _csp));
        return next(context);
    }

    public static void Apply(HttpContext context, string csp)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";

        // Pages carry families' data: no shared or back-forward cache keeps them. Static files set their own.
        if (!headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }

        // Only over TLS (directly, or behind a proxy with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), and never
        // for a loopback host, where a developer's other plain-http services would be locked out for a year.
        if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
        {
            headers.StrictTransportSecurity = HstsValue;
        }
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
