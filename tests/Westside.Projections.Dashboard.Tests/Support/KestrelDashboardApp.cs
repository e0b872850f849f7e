using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace Westside.Projections.Dashboard.Tests.Support;

// The dashboard on a real port, for a real browser. Kestrel must be configured in the subclass
// (BUILD-NOTES "Browser tests"). The app sends its own strict Content-Security-Policy (Security/), so
// the browser proves nothing inline is needed. Plain http on loopback, like the demo: the session cookie
// is not Secure, and the browser gets an admin session cookie (SessionCookie) before it opens a page.
public sealed class KestrelDashboardApp : DashboardApp
{
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
        builder.UseSetting("DASHBOARD_COOKIE_SECURE", "false");
    }

    // The admin session (TestSession) as a browser cookie for this app's origin.
    public Microsoft.Playwright.Cookie SessionCookie()
    {
        var pair = Auth.TestSession.AdminCookie(Services).Split('=', 2);
        return new Microsoft.Playwright.Cookie { Name = pair[0], Value = pair[1], Url = BaseUrl };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
