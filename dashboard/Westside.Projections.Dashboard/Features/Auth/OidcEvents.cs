using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Auth;

// What the dashboard adds to the framework's OpenID Connect handler:
// - key rollover: an ID token signed with a key the cached JWKS lacks waits for the fresh keys (SigningKeyRollover);
// - the session: a small identity built from the validated ID token (subject, login, display name, realm
//   roles), the sign-in time for the absolute limit, and the id_token for the sign-out's id_token_hint;
// - a failed sign-in gets the "Sign-in did not complete" page (400), never a session;
// - sign-out returns to the dashboard's root, the post-logout URI registered for the client, and the
//   handler's own sign-out endpoints are not used.
public sealed class OidcEvents(
    IOptions<OidcOptions> options, TimeProvider time, StaffDirectory staff, ILogger<OidcEvents> logger) : OpenIdConnectEvents
{
    public override Task TokenResponseReceived(TokenResponseReceivedContext context) =>
        SigningKeyRollover.EnsureKeyAsync(context.Options, context.TokenEndpointResponse.IdToken, logger, context.HttpContext.RequestAborted);

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var token = context.Principal!;
        var subject = token.FindFirst(DashboardClaims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The ID token has no subject.");
            return;
        }

        var identity = new ClaimsIdentity(DashboardClaims.AuthenticationType, DashboardClaims.Username, DashboardClaims.Role);
        identity.AddClaim(new Claim(DashboardClaims.Subject, subject));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject));
        var username = token.FindFirst(DashboardClaims.Username)?.Value;
        foreach (var type in new[] { DashboardClaims.Username, DashboardClaims.Name })
        {
            if (token.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                identity.AddClaim(new Claim(type, value));
            }
        }

        foreach (var role in RealmRoles.From(token))
        {
            identity.AddClaim(new Claim(DashboardClaims.Role, role));
        }

        context.Principal = new ClaimsPrincipal(identity);
        var properties = context.Properties!;
        SessionLimit.MarkSignedIn(properties, time.GetUtcNow());
        properties.IsPersistent = true;
        // Kept for RP-initiated logout (id_token_hint); nothing else from the token response is stored.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken) is { Length: > 0 } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }

        if (!string.IsNullOrEmpty(username))
        {
            await staff.RecordAsync(subject, username, context.HttpContext.RequestAborted);
        }

        AuthLog.SignedIn(logger, subject, context.Principal.IsInRole(options.Value.RequiredRole));
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        if (context.Failure is { } failure && IdTokenCheck(failure) is { } check)
        {
            AuthLog.IdTokenRejected(logger, check, failure.GetType().Name);
        }

        AuthLog.SignInFailed(logger, context.Failure?.Message ?? "unknown");
        context.HandleResponse();
        var returnUrl = ReturnUrls.LocalOrRoot(context.Properties?.RedirectUri);
        return SignInProblemPage.Result("Sign-in did not complete", SignInProblemPage.NotCompleted,
                context.Request.PathBase + ReturnUrls.SignInUrl(returnUrl), StatusCodes.Status400BadRequest)
            .ExecuteAsync(context.HttpContext);
    }

    // The provider sends the browser straight back to the dashboard's root (the post-logout URI registered
    // for the client), without the handler's state parameter in the address bar.
    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        var request = context.Request;
        var message = context.ProtocolMessage;
        message.PostLogoutRedirectUri = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        message.ClientId = context.Options.ClientId;
        message.State = null;
        context.Response.Redirect(message.CreateLogoutRequestUrl());
        context.HandleResponse();
        return Task.CompletedTask;
    }

    // Front-channel logout is off for the client (realm export: frontchannelLogout false) and sign-out comes
    // straight back to the root, so the handler's own sign-out paths (/signout-oidc, /signout-callback-oidc)
    // stay unknown URLs: otherwise any cross-site GET (an image tag) to /signout-oidc could end a session.
    public override Task RemoteSignOut(RemoteSignOutContext context)
    {
        context.SkipHandler();
        return Task.CompletedTask;
    }

    public override Task SignedOutCallbackRedirect(RemoteSignOutContext context)
    {
        context.SkipHandler();
        return Task.CompletedTask;
    }

    // Which check refused the ID token, for the log: never a claim value. Null: not the token's fault.
    private static string? IdTokenCheck(Exception e) => e switch
    {
        SecurityTokenInvalidAlgorithmException => "Algorithm",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "Signature",
        SecurityTokenInvalidIssuerException => "Issuer",
        SecurityTokenInvalidAudienceException => "Audience",
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            or SecurityTokenInvalidLifetimeException => "Lifetime",
        OpenIdConnectProtocolInvalidNonceException => "Nonce",
        OpenIdConnectProtocolException => "Protocol",
        SecurityTokenException => "Other",
        _ => null,
    };
}
