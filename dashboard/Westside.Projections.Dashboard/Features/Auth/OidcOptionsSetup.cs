using System.Globalization;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Features.Auth;

// Binds OIDC_* and DASHBOARD_* from configuration (environment variables) and validates them at start-up
// (ValidateOnStart): a missing or malformed setting stops the dashboard with a message naming the variable.
public sealed class OidcOptionsSetup(IConfiguration configuration) : IConfigureOptions<OidcOptions>, IValidateOptions<OidcOptions>
{
    // ops/demo sets Dashboard__CookieSecure=false; DASHBOARD_COOKIE_SECURE wins when both are set.
    private const string LegacyCookieSecureKey = "Dashboard:CookieSecure";

    public void Configure(OidcOptions options)
    {
        options.Authority = Required(options, OidcOptions.AuthorityVariable,
            "the Keycloak realm URL, e.g. https://sso.example/realms/westside-basketball").TrimEnd('/');
        options.ClientId = Required(options, OidcOptions.ClientIdVariable, "the dashboard's client id in the realm, e.g. westside-dashboard");
        options.ClientSecret = Required(options, OidcOptions.ClientSecretVariable, "the client's secret (Keycloak: Clients → Credentials)");

        if (configuration[OidcOptions.RequiredRoleVariable] is { } role)
        {
            options.RequiredRole = role.Trim();
            if (options.RequiredRole.Length == 0)
            {
                options.Problems.Add($"{OidcOptions.RequiredRoleVariable} is empty. Unset it for the default role 'admin', or name a realm role.");
            }
        }

        if (options.Authority.Length > 0)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                options.Problems.Add($"{OidcOptions.AuthorityVariable} must be an absolute https URL of the realm, e.g. https://sso.example/realms/westside-basketball.");
            }
            else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                options.Problems.Add($"{OidcOptions.AuthorityVariable} must use https; plain http is accepted only for a provider on this machine (127.0.0.1 or localhost).");
            }
        }

        if (configuration[OidcOptions.MetadataAddressVariable] is { Length: > 0 } metadata)
        {
            if (Uri.TryCreate(metadata.Trim(), UriKind.Absolute, out var address)
                && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && options.AuthorityIsLoopbackHttp)))
            {
                options.MetadataAddressOverride = address.ToString();
            }
            else
            {
                options.Problems.Add($"{OidcOptions.MetadataAddressVariable} must be an absolute https URL of the discovery document (plain http only beside a loopback {OidcOptions.AuthorityVariable}, as in compose).");
            }
        }

        var secure = configuration[OidcOptions.CookieSecureVariable] ?? configuration[LegacyCookieSecureKey];
        if (secure is { Length: > 0 })
        {
            if (bool.TryParse(secure, out var value))
            {
                options.CookieSecure = value;
            }
            else
            {
                options.Problems.Add($"{OidcOptions.CookieSecureVariable} must be true or false (false only for a plain-http loopback demo).");
            }
        }

        options.SessionIdle = Duration(options, OidcOptions.SessionIdleVariable, options.SessionIdle, TimeSpan.FromMinutes, 5, 7 * 24 * 60);
        options.SessionMax = Duration(options, OidcOptions.SessionMaxVariable, options.SessionMax, TimeSpan.FromHours, 1, 30 * 24);
        if (options.SessionMax < options.SessionIdle)
        {
            options.Problems.Add($"{OidcOptions.SessionMaxVariable} must not be shorter than {OidcOptions.SessionIdleVariable}.");
        }
    }

    public ValidateOptionsResult Validate(string? name, OidcOptions options) =>
        options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);

    private string Required(OidcOptions options, string variable, string what)
    {
        var value = configuration[variable]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            options.Problems.Add($"{variable} is not set. Set it to {what}.");
            return "";
        }

        return value;
    }

    private TimeSpan Duration(OidcOptions options, string variable, TimeSpan fallback, Func<double, TimeSpan> unit, int min, int max)
    {
        if (configuration[variable] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return unit(value);
        }

        options.Problems.Add($"{variable} must be a whole number from {min} to {max}.");
        return fallback;
    }
}
