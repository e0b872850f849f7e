extern alias dashboard;

using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using DashboardAuth = dashboard::Westside.Projections.Dashboard.Features.Auth.DashboardAuth;
using DashboardClaims = dashboard::Westside.Projections.Dashboard.Features.Auth.DashboardClaims;
using McpAuth = dashboard::Westside.Projections.Dashboard.Features.Mcp.McpAuth;
using SessionLimit = dashboard::Westside.Projections.Dashboard.Features.Auth.SessionLimit;

namespace Westside.Projections.Benchmarks.Mcp;

// The real dashboard (its Program, /mcp included) on a loopback port over the bench store. Nothing here
// talks to an OpenID provider: the bench signs its own bearer token with a key it hands to the bearer scheme
// (the OAuth flow is the tests' business), and mints an admin session cookie with the app's own keys.
public sealed class BenchDashboard : WebApplicationFactory<dashboard::Program>
{
    public const string Issuer = "https://bench.invalid/realms/westside-basketball";
    private const string Subject = "bench-admin";
    private readonly string _store;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "bench" };

    public BenchDashboard(string store)
    {
        _store = store;
        Port = FreePort();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    public int Port { get; }

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public string McpUrl => $"http://127.0.0.1:{Port}/mcp";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(Infrastructure.RepoRoot.Combine("dashboard", "Westside.Projections.Dashboard"));
        builder.UseSetting("STORE_PGURL", _store);
        builder.UseSetting("OIDC_AUTHORITY", Issuer);
        builder.UseSetting("OIDC_CLIENT_ID", "westside-dashboard");
        builder.UseSetting("OIDC_CLIENT_SECRET", "not-used-by-the-bench");
        builder.UseSetting("DASHBOARD_COOKIE_SECURE", "false");
        builder.UseSetting("MCP_RESOURCE_URL", McpUrl);
        builder.UseSetting("MCP_RATE_LIMIT_PER_MINUTE", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(McpAuth.BearerScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { _key } };
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        }));
    }

    public string BearerToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = McpUrl,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "admin" } },
        },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    // "name=value" for a Cookie header: the ticket the sign-in would issue, sealed with the app's keys.
    public string SessionCookie()
    {
        var identity = new ClaimsIdentity(DashboardClaims.AuthenticationType, DashboardClaims.Username, DashboardClaims.Role);
        identity.AddClaim(new Claim(DashboardClaims.Subject, Subject));
        identity.AddClaim(new Claim(DashboardClaims.Role, "admin"));
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(8) };
        SessionLimit.MarkSignedIn(properties, now);
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardAuth.CookieScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, DashboardAuth.CookieScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
