using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Outbox;

public sealed class OutboxThresholdTests
{
    private sealed class AppWith(string name, string value) : DashboardApp("Host=127.0.0.1;Database=none")
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(name, value);
        }
    }

    [Theory]
    [InlineData("OUTBOX_WARN_AFTER_SECONDS", "five minutes")]
    [InlineData("OUTBOX_CRITICAL_AFTER_SECONDS", "60")]
    public void A_bad_threshold_stops_the_dashboard_at_start_up_naming_the_variable(string name, string value)
    {
        using var app = new AppWith(name, value);

        var e = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(name, e.Message);
    }
}
