using System.Diagnostics;
using System.Globalization;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class ServerTiming
{
    // Server-Timing: app;dur=1.42 on every response: the time from the request entering the app to
    // its headers leaving (pages are rendered before the first byte), for browser dev tools and the
    // dashboard benchmark's server-time percentiles.
    public static void UseServerTiming(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:0.00}");
            return Task.CompletedTask;
        });
        await next(context);
    });
}
