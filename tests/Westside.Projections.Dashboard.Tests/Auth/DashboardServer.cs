using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The real dashboard (Program.cs unchanged) on a real loopback port, so a browser and the OpenID
// provider's redirects can reach it. Configuration comes in as settings, the way environment variables do.
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly MemoryLog _log;
    private readonly TimeProvider? _time;

    public DashboardServer(int port, IReadOnlyDictionary<string, string?> settings, MemoryLog log, TimeProvider? time = null)
    {
        Port = port;
        _settings = settings;
        _log = log;
        _time = time;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public int Port { get; }

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public DashboardServer Start()
    {
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As deployed: no developer exception page.
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Everything, at every level, for the assertions and the log scan: the app's own filters (e.g. the
        // request lines, Security/PiiSafeLogging) are more specific and still apply.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(_log);
        });
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }
}
