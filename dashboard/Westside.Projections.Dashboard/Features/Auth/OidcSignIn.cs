using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Westside.Projections.Dashboard.Features.Auth;

// The framework's OpenID Connect handler, set up for the club's Keycloak realm. The handler owns the
// protocol: discovery and the signing keys (IdentityModel's ConfigurationManager), the authorization-code
// flow with PKCE S256, state and nonce (each tied to this browser by a correlation or nonce cookie), the
// code exchange (client_secret_post) and the ID token's validation (signature, issuer, audience, azp,
// lifetime, nonce). OidcEvents adds what the realm needs on top.
public static class OidcSignIn
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // A forced refresh of discovery and keys (an ID token names a key id we do not know) at most this often.
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    // Asymmetric algorithms only: never "none", never HS* (which would take the client secret as the key).
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.MetadataAddress = oidc.MetadataAddress;
        o.RequireHttpsMetadata = !oidc.AuthorityIsLoopbackHttp;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.CallbackPath = SignInEndpoints.CallbackPath;

        o.ResponseType = OpenIdConnectResponseType.Code;
        // The provider comes back with a top-level GET, so SameSite=Lax cookies (correlation, nonce) travel
        // with it; form_post would be a cross-site POST and need SameSite=None.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        // openid: the ID token (with realm_access); profile: preferred_username and name. No email scope:
        // the dashboard never needs the staff member's email, so it is not asked for.
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        // Nothing from the token response goes into the cookie but the id_token, which OidcEvents keeps for
        // the sign-out's id_token_hint.
        o.SaveTokens = false;
        o.UseTokenLifetime = false;
        o.DisableTelemetry = true;
        o.BackchannelTimeout = TimeSpan.FromSeconds(15);
        o.RefreshOnIssuerKeyNotFound = true;
        o.RefreshInterval = RefreshInterval;

        var validation = o.TokenValidationParameters;
        validation.NameClaimType = DashboardClaims.Username;
        validation.RoleClaimType = DashboardClaims.Role;
        validation.ValidAlgorithms = Algorithms;
        validation.ClockSkew = ClockSkew;
        // A token that names a key id must be checked with that key, not with whichever key happens to verify.
        validation.TryAllIssuerSigningKeys = false;

        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.HttpOnly = true;
            cookie.SecurePolicy = oidc.CookieSecure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        }

        o.EventsType = typeof(OidcEvents);
    }

    // The provider's discovery document, from the handler's own ConfigurationManager (cached; it throws
    // InvalidOperationException when the provider cannot be read). OpenID Connect Discovery 1.0 §4.3: its
    // issuer must be exactly OIDC_AUTHORITY; a mismatch (a proxy rewriting hosts, a wrong realm) would
    // reject every ID token later with a vague error, so it is named here.
    public static async Task<OpenIdConnectConfiguration> ProviderConfigurationAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardAuth.OidcScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var authority = http.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value.Authority;
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), authority, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The OpenID provider at {OidcOptions.AuthorityVariable}={authority} says its issuer is '{configuration.Issuer}'. Set {OidcOptions.AuthorityVariable} to the issuer exactly.");
        }

        return configuration;
    }
}
