using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Features.Auth;

// OpenID Connect on top of the framework's OAuth handler (the OpenIdConnect handler package does not
// restore here): authorization-code flow with PKCE S256 (UsePkce), endpoints from the provider's discovery
// document instead of fixed URLs, a nonce in the challenge, and the ID token from the token response
// validated (IdTokenValidator) before any session exists. The access token is not kept or parsed.
public sealed class OidcHandler(
    IOptionsMonitor<OAuthOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OidcConfigurationSource configuration,
    IdTokenValidator validator,
    IOptions<OidcOptions> oidc,
    TimeProvider time)
    : OAuthHandler<OAuthOptions>(options, loggerFactory, encoder)
{
    // Travels inside the protected (encrypted, signed) state, which the correlation cookie ties to this browser.
    public const string NonceKey = ".nonce";

    private string? _authorizationEndpoint;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var config = await configuration.GetAsync(Context.RequestAborted);
        _authorizationEndpoint = config.AuthorizationEndpoint;
        properties.Items[NonceKey] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await base.HandleChallengeAsync(properties);
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        // The base class builds client_id, scope, response_type, redirect_uri, the PKCE challenge and state
        // against Options.AuthorizationEndpoint; keep its query and send it to the discovered endpoint.
        var built = new Uri(base.BuildChallengeUrl(properties, redirectUri));
        var parameters = QueryHelpers.ParseQuery(built.Query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        parameters["nonce"] = properties.Items[NonceKey];
        return QueryHelpers.AddQueryString(_authorizationEndpoint ?? Options.AuthorizationEndpoint, parameters);
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var config = await configuration.GetAsync(Context.RequestAborted);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            // client_secret_post: the secret goes in the body (Keycloak accepts it; the local provider requires it).
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        };
        if (context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            form[OAuthConstants.CodeVerifierKey] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, config.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            // The OAuth error code only (e.g. invalid_grant); the body is not echoed anywhere.
            return OAuthTokenResponse.Failed(new AuthenticationFailureException(
                $"The token endpoint answered {(int)response.StatusCode} ({OAuthError(body)})."));
        }

        return OAuthTokenResponse.Success(JsonDocument.Parse(body));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        if (!properties.Items.Remove(NonceKey, out var nonce) || string.IsNullOrEmpty(nonce))
        {
            throw new AuthenticationFailureException("The sign-in state carries no nonce.");
        }

        var idToken = tokens.Response?.RootElement.TryGetProperty("id_token", out var value) == true
                      && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        if (string.IsNullOrEmpty(idToken))
        {
            throw new AuthenticationFailureException("The token response has no id_token (is the openid scope granted to the client?).");
        }

        var validation = await validator.ValidateAsync(idToken, nonce, Context.RequestAborted);
        if (validation.Identity is null)
        {
            throw new AuthenticationFailureException($"The ID token was rejected: {validation.Failure} check failed.");
        }

        SessionLimit.MarkSignedIn(properties, time.GetUtcNow());
        properties.IsPersistent = true;
        // Kept for RP-initiated logout (id_token_hint); nothing else from the token response is stored.
        properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);

        var principal = new ClaimsPrincipal(validation.Identity);
        AuthLog.SignedIn(Logger, principal.SubjectId(), principal.IsInRole(oidc.Value.RequiredRole));

        using var user = JsonDocument.Parse("{}");
        var context = new OAuthCreatingTicketContext(principal, properties, Context, Scheme, Options, Backchannel, tokens, user.RootElement);
        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }

    private static string OAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString() ?? "no error code"
                : "no error code";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }
}
