using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Auth;

// Sign-in for the whole dashboard, in two calls from Program.cs:
//   builder.AddDashboardAuth();  // options, OIDC, session cookie, policy, data protection, headers, audit
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
        services.AddSingleton<NonceReplayCache>();
        services.AddSingleton(sp =>
        {
            var oidc = sp.GetRequiredService<IOptions<OidcOptions>>().Value;
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            return new OidcConfigurationSource(oidc.Authority,
                new HttpDocumentRetriever(http) { RequireHttps = !oidc.AuthorityIsLoopbackHttp }, oidc.MetadataAddress);
        });
        services.AddSingleton<IdTokenValidator>();
        services.AddSingleton<SessionCookieEvents>();

        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme)
            .AddOAuth<OAuthOptions, OidcHandler>(OidcScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<OidcOptions>>((o, oidc) => ConfigureSession(o, oidc.Value));
        services.AddOptions<OAuthOptions>(OidcScheme).Configure<IOptions<OidcOptions>>((o, oidc) => ConfigureOidc(o, oidc.Value));
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

    private static void ConfigureOidc(OAuthOptions o, OidcOptions oidc)
    {
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.CallbackPath = SignInEndpoints.CallbackPath;
        // The framework insists these are set; OidcHandler sends every request to the endpoints of the
        // provider's discovery document instead.
        o.AuthorizationEndpoint = oidc.Authority;
        o.TokenEndpoint = oidc.Authority;
        o.UsePkce = true;
        // openid: the ID token (with realm_access); profile: preferred_username and name. No email scope:
        // the dashboard never needs the staff member's email, so it is not asked for.
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.SaveTokens = false;
        o.BackchannelTimeout = TimeSpan.FromSeconds(15);
        // The provider comes back with a top-level GET (response_mode=query): Lax is enough, None not needed.
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.HttpOnly = true;
        o.CorrelationCookie.SecurePolicy = oidc.CookieSecure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.Events.OnRemoteFailure = RemoteFailure;
    }

    private static Task RemoteFailure(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuth));
        AuthLog.SignInFailed(logger, context.Failure?.Message ?? "unknown");
        context.HandleResponse();
        var returnUrl = ReturnUrls.LocalOrRoot(context.Properties?.RedirectUri);
        return SignInProblemPage.Result("Sign-in did not complete", SignInProblemPage.NotCompleted,
                context.Request.PathBase + ReturnUrls.SignInUrl(returnUrl), StatusCodes.Status400BadRequest)
            .ExecuteAsync(context.HttpContext);
    }
}
