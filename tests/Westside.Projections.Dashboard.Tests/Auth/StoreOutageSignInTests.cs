using System.Net;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The session keys live in the store. When the dashboard starts while the store is down, it cannot issue
// or read sessions: signing in must then say the store is unavailable (503), not fail with a 500.
public sealed class StoreOutageSignInTests : IAsyncLifetime
{
    private readonly MemoryLog _log = new();
    private OidcProvider _provider = null!;
    private DashboardServer _dashboard = null!;

    public async Task InitializeAsync()
    {
        var port = OidcProvider.FreePort();
        _provider = await OidcProvider.StartAsync(port);
        _dashboard = new DashboardServer(port, new Dictionary<string, string?>
        {
            ["STORE_PGURL"] = "postgres://westside:secret@127.0.0.1:1/westside_store", // nothing listens on port 1
            ["OIDC_AUTHORITY"] = _provider.Issuer,
            ["OIDC_CLIENT_ID"] = OidcProvider.ClientId,
            ["OIDC_CLIENT_SECRET"] = OidcProvider.ClientSecret,
            ["DASHBOARD_COOKIE_SECURE"] = "false",
        }, _log).Start();
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Signing_in_while_the_store_is_down_gets_the_outage_page()
    {
        using var browser = new HttpBrowser();

        var page = await browser.GoAsync(new Uri(_dashboard.Root, "/triage"));

        Assert.True(page.Status == HttpStatusCode.ServiceUnavailable,
            $"{(int)page.Status} at {page.Url}\n" + string.Join("\n", _log.Lines.Where(l => l.Exception is not null).Select(l => l.ToString())));
        Assert.Equal(new Uri(_dashboard.Root, "/signin?returnUrl=%2Ftriage"), page.Url);
        Assert.Contains("Read store unavailable", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", page.Body, StringComparison.Ordinal);
    }
}
