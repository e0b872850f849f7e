using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Auth;

namespace Westside.Projections.Dashboard.Tests.Auth;

// A session cookie for page tests that are not about signing in: a ticket sealed with the app's own data
// protection keys, exactly what the sign-in would issue (same claims, same sign-in mark), so the real cookie
// handler, access policy and session limits judge it. The round trip itself is tested end to end elsewhere.
public static class TestSession
{
    public const string AdminSubject = "0c9d8e7f-1a2b-4c3d-8e4f-5a6b7c8d9e01";

    public static string AdminCookie(IServiceProvider services) =>
        Cookie(services, AdminSubject, "test-admin", services.GetRequiredService<IOptions<OidcOptions>>().Value.RequiredRole);

    // "name=value", for a Cookie request header.
    public static string Cookie(IServiceProvider services, string subject, string username, params string[] roles)
    {
        var identity = new ClaimsIdentity(DashboardClaims.AuthenticationType, DashboardClaims.Username, DashboardClaims.Role);
        identity.AddClaim(new Claim(DashboardClaims.Subject, subject));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject));
        identity.AddClaim(new Claim(DashboardClaims.Username, username));
        identity.AddClaims(roles.Select(r => new Claim(DashboardClaims.Role, r)));

        var time = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = time, ExpiresUtc = time.AddHours(8), IsPersistent = true };
        SessionLimit.MarkSignedIn(properties, time);

        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardAuth.CookieScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, DashboardAuth.CookieScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }
}
