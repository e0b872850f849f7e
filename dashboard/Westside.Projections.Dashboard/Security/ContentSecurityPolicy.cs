namespace Westside.Projections.Dashboard.Security;

// The dashboard serves every script and stylesheet itself and has no inline script, inline style or
// eval anywhere (htmx runs with allowEval=false and includeIndicatorStyles=false), so the policy needs
// neither 'unsafe-inline' nor 'unsafe-eval'.
// form-action names the OpenID provider because the sign-out form's POST is answered with a redirect to
// the provider's end_session endpoint, and browsers apply form-action to the redirects of a submission.
public static class ContentSecurityPolicy
{
    public static string For(string providerOrigin)
    {
        var formAction = string.IsNullOrEmpty(providerOrigin) ? "'self'" : $"'self' {providerOrigin}";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'");
    }
}
