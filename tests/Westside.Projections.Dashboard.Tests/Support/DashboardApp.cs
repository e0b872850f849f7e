using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Westside.Projections.Dashboard.Tests.Auth;

namespace Westside.Projections.Dashboard.Tests.Support;

// The dashboard in-process, configured only through its environment variables: a store URL, a poll
// interval and the OpenID settings. There is no source connection string to give it. Its clients carry
// an admin session (TestSession); sign-in itself is tested end to end in Auth/ and Browser/.
public class DashboardApp(string store, int pollIntervalMs = DashboardApp.RelaxedPollIntervalMs) : WebApplicationFactory<Program>
{
    // Long enough that data projected at the start of a test class still counts as fresh at its end.
    public const int RelaxedPollIntervalMs = 600_000;

    // For a store that is unreachable from the start: see KeysLoadedBeforeOutage.
    public bool KeysLoadedBeforeOutage { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("STORE_PGURL", store);
        builder.UseSetting("POLL_INTERVAL_MS", pollIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Required at start-up; never contacted, because these clients arrive signed in.
        builder.UseSetting("OIDC_AUTHORITY", "https://sso.test/realms/westside-basketball");
        builder.UseSetting("OIDC_CLIENT_ID", "westside-dashboard");
        builder.UseSetting("OIDC_CLIENT_SECRET", "not-used-by-page-tests");
        if (KeysLoadedBeforeOutage)
        {
            builder.ConfigureTestServices(Auth.KeysLoadedBeforeOutage.Apply);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("Cookie", TestSession.AdminCookie(Services));
    }

    public HttpClient Htmx()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("HX-Request", "true");
        return client;
    }
}
