using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// A missing or malformed setting stops the dashboard at start-up, naming the variable (never its value).
public class ConfigurationTests
{
    [Theory]
    [InlineData("", "2000", "STORE_PGURL is not set")]
    [InlineData("   ", "2000", "STORE_PGURL is not set")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:notaport/store", "2000", "STORE_PGURL is not a valid PostgreSQL URL")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:5432/store", "soon", "POLL_INTERVAL_MS must be a whole number")]
    [InlineData("postgres://westside:s3cret@127.0.0.1:5432/store", "10", "POLL_INTERVAL_MS must be a whole number")]
    public void A_bad_setting_stops_the_start_naming_it(string store, string pollInterval, string message)
    {
        using var app = new Configured(store, pollInterval);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_connection_string_is_accepted_too()
    {
        using var app = new Configured("Host=127.0.0.1;Port=1;Database=store;Username=westside", "2000");

        using var client = app.CreateClient();

        Assert.NotNull(client);
    }

    private sealed class Configured(string store, string pollInterval) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("STORE_PGURL", store);
            builder.UseSetting("POLL_INTERVAL_MS", pollInterval);
        }
    }
}
