using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Westside.Projections.Dashboard.Tests.Support;

// The dashboard in-process, configured only through its environment variables: a store URL and a
// poll interval. There is no source connection string to give it.
public class DashboardApp(string store, int pollIntervalMs = DashboardApp.RelaxedPollIntervalMs) : WebApplicationFactory<Program>
{
    // Long enough that data projected at the start of a test class still counts as fresh at its end.
    public const int RelaxedPollIntervalMs = 600_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("STORE_PGURL", store);
        builder.UseSetting("POLL_INTERVAL_MS", pollIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient Htmx()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("HX-Request", "true");
        return client;
    }
}
