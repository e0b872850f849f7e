using Htmx;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Features.Auth;

// How the session cookie answers:
// - not signed in: a page navigation is redirected to /signin?returnUrl=...; /api/ and htmx get 401, and
//   htmx also gets HX-Redirect to the sign-in page, so the browser navigates instead of swapping a login page
//   into a fragment;
// - signed in without the required role: a page gets the friendly 403 page (status 403, same URL); /api/
//   and htmx get a bare 403;
// - every request: a session older than the absolute limit is ended, however recently it was used.
public sealed class SessionCookieEvents(
    IOptions<OidcOptions> options, TimeProvider time, ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (SessionLimit.IsOver(context.Properties, time.GetUtcNow(), options.Value.SessionMax))
        {
            AuthLog.SessionLimitReached(logger, context.Principal?.SubjectId() ?? "anonymous", options.Value.SessionMax.TotalHours);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        var signIn = request.PathBase + ReturnUrls.SignInUrl(RequestKind.CurrentPage(request));
        if (RequestKind.IsPageNavigation(request))
        {
            AuthLog.Unauthenticated(logger, request.Method, request.Path.Value ?? "", "redirect to sign-in");
            context.Response.Redirect(signIn);
            return Task.CompletedTask;
        }

        AuthLog.Unauthenticated(logger, request.Method, request.Path.Value ?? "", "401");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (request.IsHtmx())
        {
            context.Response.Htmx(h => h.Redirect(signIn));
        }

        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        AuthLog.AccessDenied(logger, context.HttpContext.User.SubjectId(), request.Method, request.Path.Value ?? "");
        if (RequestKind.IsPageNavigation(request))
        {
            return DeniedPage.RenderAsync(context.HttpContext, options.Value.RequiredRole);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
