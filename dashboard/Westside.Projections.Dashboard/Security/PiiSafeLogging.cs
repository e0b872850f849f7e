namespace Westside.Projections.Dashboard.Security;

public static class PiiSafeLogging
{
    // Framework log lines that would carry a URL's query string: the request start/finish lines, the
    // redirect results, and the OpenID Connect handler's trace of the messages it sends and receives. A
    // query string can hold search text (a family's name) or the sign-in callback's code and state.
    // Warnings and errors from those categories still come through (the handler's are Information and up).
    public static void KeepPiiOutOfFrameworkLogs(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogLevel.Information);
    }
}
