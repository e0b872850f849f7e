using Htmx;

namespace Westside.Projections.Dashboard.Features.Auth;

// Who is asking decides how "not signed in" and "not allowed" are answered: a person navigating gets a
// redirect or a page; a script (/api/) or an htmx swap gets a bare status, because a login page or a
// 403 page swapped into a fragment (or parsed as JSON) helps nobody.
public static class RequestKind
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static bool IsPageNavigation(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !request.IsHtmx() && !IsApi(request);

    // The page the browser shows, for an htmx request: htmx sends its URL in HX-Current-URL. Only a path on
    // this site is used; anything else falls back to the requested path.
    public static string CurrentPage(HttpRequest request)
    {
        if (request.IsHtmx(out var htmx) && Uri.TryCreate(htmx?.CurrentUrl, UriKind.Absolute, out var current)
            && string.Equals(current.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return ReturnUrls.LocalOrRoot(current.PathAndQuery);
        }

        return ReturnUrls.LocalOrRoot(request.PathBase + request.Path + request.QueryString);
    }
}
