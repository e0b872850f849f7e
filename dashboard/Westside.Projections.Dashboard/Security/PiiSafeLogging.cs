namespace Westside.Projections.Dashboard.Security;

public static class PiiSafeLogging
{
    // Framework log lines that would carry a URL's query string: the request start/finish lines and the
    // redirect results. A query string can hold search text (a family's name) or the sign-in callback's
    // code and state. Warnings and errors from those categories still come through.
    public static void KeepPiiOutOfFrameworkLogs(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
    }
}
