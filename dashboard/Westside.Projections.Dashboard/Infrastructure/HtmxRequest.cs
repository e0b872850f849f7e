using Htmx;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class HtmxRequest
{
    // An htmx swap wants a fragment. A history restore wants the whole page (htmx would otherwise
    // put a fragment where the page was), and so does every normal navigation.
    public static bool WantsFragment(this HttpRequest request) =>
        request.IsHtmx() && !request.IsHtmxHistoryRestoreRequest();
}
