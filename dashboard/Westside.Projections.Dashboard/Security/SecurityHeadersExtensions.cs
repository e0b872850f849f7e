namespace Westside.Projections.Dashboard.Security;

public static class SecurityHeadersExtensions
{
    // A startup filter puts the middleware in front of everything Program.cs adds (error pages, static
    // files, endpoints), so no response leaves without the headers.
    public static void AddSecurityHeaders(this IHostApplicationBuilder builder) =>
        builder.Services.AddTransient<IStartupFilter, SecurityHeadersStartupFilter>();

    private sealed class SecurityHeadersStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<SecurityHeadersMiddleware>();
            next(app);
        };
    }
}
