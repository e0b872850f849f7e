namespace Westside.Projections.Dashboard.Features.Auth;

// Where to go after signing in: only a path on this site. "//evil.example" and "/\evil.example" are
// protocol-relative to a browser, so they are refused like any absolute URL (no open redirect).
public static class ReturnUrls
{
    public static string LocalOrRoot(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.Length > 2048)
        {
            return "/";
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return "/";
        }

        if (url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return "/";
        }

        // Coming back to the sign-in or sign-out endpoints would loop.
        var path = url.Split('?', '#')[0];
        return path is SignInEndpoints.SignInPath or SignInEndpoints.SignOutPath or SignInEndpoints.CallbackPath ? "/" : url;
    }

    // /signin?returnUrl=/triage%3Fteam%3D3
    public static string SignInUrl(string returnUrl) =>
        returnUrl == "/" ? SignInEndpoints.SignInPath : $"{SignInEndpoints.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
