using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Auth;

// The only routes outside the signed-in group besides /healthz: anybody must be able to start a sign-in,
// and a signed-in user without the role must still be able to sign out.
public static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string CallbackPath = "/signin-oidc";

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, SignIn).AllowAnonymous();
        app.MapPost(SignOutPath, SignOut).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    // GET /signin?returnUrl=/triage: to the provider's login page, and back to returnUrl (a local path only).
    private static async Task<Results<ChallengeHttpResult, RedirectHttpResult, RazorComponentResult>> SignIn(
        string? returnUrl, HttpContext http, ILoggerFactory loggers)
    {
        var target = http.Request.PathBase + ReturnUrls.LocalOrRoot(returnUrl);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return TypedResults.LocalRedirect(target);
        }

        // Read discovery here, so an unreachable provider gets a page that says so instead of a 500.
        try
        {
            await OidcSignIn.ProviderConfigurationAsync(http);
        }
        catch (Exception e) when (IsProviderOutage(e))
        {
            AuthLog.SignInFailed(loggers.CreateLogger(typeof(SignInEndpoints)), $"the provider's discovery document could not be read ({e.GetType().Name})");
            return SignInProblemPage.Result("Sign-in unavailable", SignInProblemPage.Unreachable,
                http.Request.PathBase + ReturnUrls.SignInUrl(ReturnUrls.LocalOrRoot(returnUrl)), StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [DashboardAuth.OidcScheme]);
    }

    // POST /signout (antiforgery token in the form or the X-CSRF-TOKEN header): ends the dashboard session,
    // then, where the provider supports it, its session too: the handler's RP-initiated logout with
    // id_token_hint, which comes straight back to the dashboard's root (OidcEvents).
    private static async Task<Results<SignOutHttpResult, RedirectHttpResult, BadRequest<string>>> SignOut(HttpContext http, ILoggerFactory loggers)
    {
        if (!await AntiforgeryCheck.IsValidAsync(http))
        {
            return TypedResults.BadRequest("This sign-out form has expired. Reload the page and sign out again.");
        }

        var logger = loggers.CreateLogger(typeof(SignInEndpoints));
        var subject = http.User.SubjectId();
        var idToken = await http.GetTokenAsync(DashboardAuth.CookieScheme, "id_token");
        var endSession = false;
        if (idToken is not null)
        {
            try
            {
                endSession = !string.IsNullOrEmpty((await OidcSignIn.ProviderConfigurationAsync(http)).EndSessionEndpoint);
            }
            catch (Exception e) when (IsProviderOutage(e))
            {
                // The provider is unreachable: the local session ends anyway; say so in the log.
                AuthLog.ProviderUnavailableAtSignOut(logger, e.GetType().Name);
            }
        }

        AuthLog.SignedOut(logger, subject, endSession);
        if (!endSession)
        {
            await http.SignOutAsync(DashboardAuth.CookieScheme);
            return TypedResults.Redirect($"{http.Request.PathBase}/");
        }

        // The handler reads the id_token from the session, so it signs out before the cookie does.
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [DashboardAuth.OidcScheme, DashboardAuth.CookieScheme]);
    }

    // ConfigurationManager wraps fetch failures in InvalidOperationException (IDX20803); a direct fetch
    // throws the HTTP client's own exceptions.
    private static bool IsProviderOutage(Exception e) =>
        e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException;
}
