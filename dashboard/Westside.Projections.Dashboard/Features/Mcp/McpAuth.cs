using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore.Authentication;

namespace Westside.Projections.Dashboard.Features.Mcp;

// /mcp is an OAuth 2.1 protected resource (MCP authorization, RFC 9728): bearer tokens from the realm only.
// Its own schemes and policy, beside the dashboard's cookie ones (Features/Auth), which it never uses:
// the session cookie does not open /mcp, and the bearer scheme is in no page's policy, so a token opens no page.
//   - BearerScheme: JwtBearer against the realm's keys: issuer, lifetime, signature, audience = MCP_RESOURCE_URL;
//     realm_access.roles become role claims.
//   - McpAuthenticationDefaults.AuthenticationScheme: serves /.well-known/oauth-protected-resource and answers
//     the challenge with 401 + WWW-Authenticate: Bearer resource_metadata="...".
//   - Policy: bearer scheme, authenticated, the required realm role (else 403).
public static class McpAuth
{
    public const string BearerScheme = "mcp-bearer";
    public const string Policy = "mcp-access";
    public const string Scope = "mcp:tools";

    public static void AddMcpAuth(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddJwtBearer(BearerScheme, _ => { })
            .AddMcp(_ => { });
        services.AddOptions<JwtBearerOptions>(BearerScheme)
            .Configure<IOptions<OidcOptions>, IOptions<McpOptions>>((o, oidc, mcp) => ConfigureBearer(o, oidc.Value, mcp.Value));
        services.AddOptions<McpAuthenticationOptions>(McpAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<OidcOptions>, IOptions<McpOptions>>((o, oidc, mcp) =>
            {
                o.ResourceMetadata = new()
                {
                    Resource = mcp.Value.ResourceUrl ?? "",
                    AuthorizationServers = { oidc.Value.Authority },
                    ScopesSupported = [Scope],
                    BearerMethodsSupported = ["header"],
                    ResourceName = "Westside Projections (read-only club data)",
                };
            });
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<OidcOptions>>((o, oidc) =>
            o.AddPolicy(Policy, new AuthorizationPolicyBuilder(BearerScheme)
                .RequireAuthenticatedUser()
                .RequireRole(oidc.Value.RequiredRole)
                .Build()));
    }

    private static void ConfigureBearer(JwtBearerOptions o, OidcOptions oidc, McpOptions mcp)
    {
        o.Authority = oidc.Authority;
        o.MetadataAddress = oidc.MetadataAddress;
        o.RequireHttpsMetadata = !oidc.AuthorityIsLoopbackHttp;
        o.MapInboundClaims = false;
        o.SaveToken = false;
        o.IncludeErrorDetails = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = oidc.Authority,
            ValidateAudience = true,
            ValidAudience = mcp.ResourceUrl ?? "",
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = DashboardClaims.Subject,
            RoleClaimType = DashboardClaims.Role,
        };
        // The challenge goes to the MCP scheme: 401 with the resource metadata's address.
        o.ForwardChallenge = McpAuthenticationDefaults.AuthenticationScheme;
        o.Events = new JwtBearerEvents { OnTokenValidated = AddRealmRoles, OnForbidden = Forbidden };
    }

    private static Task AddRealmRoles(TokenValidatedContext context)
    {
        if (context.Principal is { Identity: ClaimsIdentity identity } principal)
        {
            foreach (var role in RealmRoles.From(principal))
            {
                identity.AddClaim(new Claim(DashboardClaims.Role, role));
            }
        }

        return Task.CompletedTask;
    }

    private static Task Forbidden(ForbiddenContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpAuth));
        McpLog.Denied(logger, context.HttpContext.User.SubjectId());
        return Task.CompletedTask;
    }
}
