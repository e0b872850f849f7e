using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Auth;

// Sign-in for the whole dashboard, in two calls from Program.cs:
//   builder.AddDashboardAuth();  // options, the framework's OpenID Connect handler, session cookie, policy,
//                                // data protection, headers, audit
//   app.UseDashboardAuth();      // authentication + authorization middleware, /signin and /signout
// Every page and API route sits in the group that calls .RequireAuthorization(DashboardAuth.AccessPolicy).
// The same policy is also the default and the fallback policy, so a route mapped anywhere without an explicit
// AllowAnonymous (and any URL that matches no route) still needs the role.
public static class DashboardAuth
{
    public const string OidcScheme = "oidc";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string AccessPolicy = "dashboard-access";

    public static void AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OidcOptionsSetup>();
        services.AddSingleton<IConfigureOptions<OidcOptions>>(sp => sp.GetRequiredService<OidcOptionsSetup>());
        services.AddSingleton<IValidateOptions<OidcOptions>>(sp => sp.GetRequiredService<OidcOptionsSetup>());
        services.AddOptions<OidcOptions>().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SessionCookieEvents>();
        services.AddSingleton<OidcEvents>();

        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme)
            .AddOpenIdConnect(OidcScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<OidcOptions>>((o, oidc) => ConfigureSession(o, oidc.Value));
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<OidcOptions>>((o, oidc) => OidcSignIn.Configure(o, oidc.Value));
        // The antiforgery cookie keeps the framework's SameAsRequest (it is HttpOnly and SameSite=Strict, and
        // useless without the token in the page): with Always, the framework throws on every plain-http page.

        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<OidcOptions>>((o, oidc) =>
        {
            var policy = new AuthorizationPolicyBuilder(CookieScheme)
                .RequireAuthenticatedUser()
                .RequireRole(oidc.Value.RequiredRole)
                .Build();
            o.AddPolicy(AccessPolicy, policy);
            o.DefaultPolicy = policy;
            o.FallbackPolicy = policy;
        });

        builder.AddStoreDataProtection();
        builder.AddSecurityHeaders();
        builder.AddAuditLog();
        builder.KeepPiiOutOfFrameworkLogs();
    }

    public static void UseDashboardAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSignIn();
    }

    private static void ConfigureSession(CookieAuthenticationOptions o, OidcOptions oidc)
    {
        // __Host-: the browser accepts it only Secure, for path / and without a Domain, so no sibling
        // subdomain can set or shadow it. A plain-http loopback demo cannot use the prefix.
        o.Cookie.Name = oidc.CookieSecure ? "__Host-westside-session" : "westside-session";
        o.Cookie.Path = "/";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = oidc.CookieSecure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = oidc.SessionIdle;
        o.SlidingExpiration = true;
        o.LoginPath = SignInEndpoints.SignInPath;
        o.ReturnUrlParameter = "returnUrl";
        o.EventsType = typeof(SessionCookieEvents);
    }
}
