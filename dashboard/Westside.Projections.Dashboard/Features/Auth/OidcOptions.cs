namespace Westside.Projections.Dashboard.Features.Auth;

// Sign-in settings, read from the environment by OidcOptionsSetup and validated at start-up.
// The client secret is never printed, not even in a validation message.
public sealed class OidcOptions
{
    public const string AuthorityVariable = "OIDC_AUTHORITY";
    public const string ClientIdVariable = "OIDC_CLIENT_ID";
    public const string ClientSecretVariable = "OIDC_CLIENT_SECRET";
    public const string RequiredRoleVariable = "OIDC_REQUIRED_ROLE";
    public const string CookieSecureVariable = "DASHBOARD_COOKIE_SECURE";
    public const string SessionIdleVariable = "DASHBOARD_SESSION_IDLE_MINUTES";
    public const string SessionMaxVariable = "DASHBOARD_SESSION_MAX_HOURS";
    public const string MetadataAddressVariable = "OIDC_METADATA_ADDRESS";

    // The realm URL, which is also the issuer, without a trailing slash:
    // https://sso.example/realms/westside-basketball
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    // The Keycloak realm role that lets a user into the dashboard.
    public string RequiredRole { get; set; } = "admin";

    // Secure session cookie (and the __Host- prefix). Only a plain-http loopback demo turns it off.
    public bool CookieSecure { get; set; } = true;

    // Sliding: a session ends after this long without a request...
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    // ...and in any case this long after the sign-in, however busy.
    public TimeSpan SessionMax { get; set; } = TimeSpan.FromHours(24);

    public List<string> Problems { get; } = [];

    // Where the dashboard itself fetches discovery, when that differs from what browsers see (compose: the
    // issuer is the loopback address published to the host, discovery is read over the compose network).
    // The document's issuer must still equal Authority.
    public string? MetadataAddressOverride { get; set; }

    public string MetadataAddress => MetadataAddressOverride ?? Authority + "/.well-known/openid-configuration";

    // http is accepted only for a provider on this machine (the local demo provider).
    public bool AuthorityIsLoopbackHttp =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    public string AuthorityOrigin =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
}
