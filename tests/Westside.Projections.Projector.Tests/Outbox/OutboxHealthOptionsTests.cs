using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxHealthOptionsTests
{
    private static OutboxHealthOptions Read(Dictionary<string, string> env) =>
        OutboxHealthOptions.FromEnvironment(k => env.GetValueOrDefault(k));

    [Fact]
    public void Defaults_are_five_and_thirty_minutes()
    {
        var options = Read([]);

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)), (options.WarnAfter, options.CriticalAfter));
    }

    [Fact]
    public void Both_thresholds_can_be_set_in_seconds()
    {
        var options = Read(new() { ["OUTBOX_WARN_AFTER_SECONDS"] = "60", ["OUTBOX_CRITICAL_AFTER_SECONDS"] = " 600 " });

        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)), (options.WarnAfter, options.CriticalAfter));
    }

    [Theory]
    [InlineData("OUTBOX_WARN_AFTER_SECONDS", "5m")]
    [InlineData("OUTBOX_WARN_AFTER_SECONDS", "0")]
    [InlineData("OUTBOX_CRITICAL_AFTER_SECONDS", "-1")]
    [InlineData("OUTBOX_CRITICAL_AFTER_SECONDS", "99999999")]
    public void A_malformed_or_out_of_range_value_is_refused_by_name(string name, string value)
    {
        var e = Assert.Throws<FormatException>(() => Read(new() { [name] = value }));

        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void A_warning_threshold_not_below_the_critical_one_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => Read(new() { ["OUTBOX_WARN_AFTER_SECONDS"] = "1800" }));

        Assert.Contains("OUTBOX_WARN_AFTER_SECONDS (1800) must be less than OUTBOX_CRITICAL_AFTER_SECONDS (1800)", e.Message);
    }

    [Fact]
    public void The_projector_refuses_a_bad_threshold_at_start_up_as_a_configuration_error()
    {
        var env = new Dictionary<string, string> { ["OUTBOX_CRITICAL_AFTER_SECONDS"] = "soon" };

        var e = Assert.Throws<ConfigurationException>(() => OutboxSampler.ReadHealthOptions(k => env.GetValueOrDefault(k)));

        Assert.Contains("OUTBOX_CRITICAL_AFTER_SECONDS", e.Message);
    }
}
