using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Westside.Projections.Dashboard.Tests.Support;

// The dashboard on a real port, for a real browser. Kestrel must be configured in the subclass
// (BUILD-NOTES "Browser tests"). It also sends the strict Content-Security-Policy that sign-in adds
// later, so the browser proves nothing inline is needed.
public sealed class KestrelDashboardApp : DashboardApp
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public KestrelDashboardApp(string store, int pollIntervalMs)
        : base(store, pollIntervalMs)
    {
        Port = FreePort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://localhost:{Port}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, StrictCsp>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class StrictCsp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
