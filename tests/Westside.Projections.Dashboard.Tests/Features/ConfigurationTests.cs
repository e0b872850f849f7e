using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// A missing or malformed setting stops the dashboard at start-up, naming the variable (never its value).
// Run as a real process with exactly the environment given, as an operator would start it.
public class ConfigurationTests
{
    [Theory]
    [InlineData(null, null, "STORE_PGURL is not set")]
    [InlineData("   ", null, "STORE_PGURL is not set")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:notaport/store", null, "STORE_PGURL is not a valid PostgreSQL URL")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:5432/store", "soon", "POLL_INTERVAL_MS must be a whole number")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:5432/store", "10", "POLL_INTERVAL_MS must be a whole number")]
    public async Task A_bad_setting_stops_the_start_naming_it(string? store, string? pollInterval, string message)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Westside.Projections.Dashboard.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var key in new[] { "STORE_PGURL", "POLL_INTERVAL_MS", "SOURCE_PGURL" })
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (store is not null)
        {
            psi.Environment["STORE_PGURL"] = store;
        }

        if (pollInterval is not null)
        {
            psi.Environment["POLL_INTERVAL_MS"] = pollInterval;
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var all = await output + await error;

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(message, all, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_connection_string_is_accepted_too()
    {
        using var app = new Configured("Host=127.0.0.1;Port=1;Database=store;Username=westside");

        using var client = app.CreateClient();

        Assert.NotNull(client);
    }

    private sealed class Configured(string store) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("STORE_PGURL", store);
            builder.UseSetting("OIDC_AUTHORITY", "https://sso.test/realms/westside-basketball");
            builder.UseSetting("OIDC_CLIENT_ID", "westside-dashboard");
            builder.UseSetting("OIDC_CLIENT_SECRET", "not-used");
        }
    }
}
