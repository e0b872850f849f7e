using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Sign-in settings fail loud: a missing or malformed variable stops the dashboard at start-up with a
// message naming the variable and never echoing the secret.
public sealed class ConfigurationTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["STORE_PGURL"] = "postgres://user:pass@127.0.0.1:1/store",
        ["OIDC_AUTHORITY"] = "https://sso.example/realms/westside-basketball",
        ["OIDC_CLIENT_ID"] = "westside-dashboard",
        ["OIDC_CLIENT_SECRET"] = "s3cret-value-never-printed",
    };

    private static OidcOptions Bind(Dictionary<string, string?> values)
    {
        var setup = new OidcOptionsSetup(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        var options = new OidcOptions();
        setup.Configure(options);
        return options;
    }

    private static Dictionary<string, string?> With(string key, string? value)
    {
        var values = new Dictionary<string, string?>(Complete) { [key] = value };
        return values;
    }

    [Theory]
    [InlineData("OIDC_AUTHORITY")]
    [InlineData("OIDC_CLIENT_ID")]
    [InlineData("OIDC_CLIENT_SECRET")]
    public async Task The_dashboard_does_not_start_without_a_required_variable_and_names_it(string variable)
    {
        var settings = With(variable, "");
        await using var app = new DashboardServer(OidcProvider.FreePort(), settings, new MemoryLog());

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var validation = Chain(error).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(validation is not null, error.ToString());
        Assert.Contains($"{variable} is not set", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value-never-printed", validation.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception error) =>
        error is AggregateException all
            ? all.InnerExceptions.SelectMany(Chain).Prepend(error)
            : error.InnerException is { } inner ? Chain(inner).Prepend(error) : [error];

    [Fact]
    public void Defaults_are_the_admin_role_secure_cookies_8_hours_idle_and_24_hours_at_most()
    {
        var options = Bind(Complete);

        Assert.Empty(options.Problems);
        Assert.Equal("admin", options.RequiredRole);
        Assert.True(options.CookieSecure);
        Assert.Equal(TimeSpan.FromHours(8), options.SessionIdle);
        Assert.Equal(TimeSpan.FromHours(24), options.SessionMax);
        Assert.Equal("https://sso.example", options.AuthorityOrigin);
    }

    [Theory]
    [InlineData("OIDC_AUTHORITY", "http://sso.example/realms/westside-basketball", "must use https")]
    [InlineData("OIDC_AUTHORITY", "sso.example/realms/westside-basketball", "absolute https URL")]
    [InlineData("OIDC_REQUIRED_ROLE", " ", "OIDC_REQUIRED_ROLE is empty")]
    [InlineData("DASHBOARD_COOKIE_SECURE", "maybe", "DASHBOARD_COOKIE_SECURE must be true or false")]
    [InlineData("DASHBOARD_SESSION_IDLE_MINUTES", "0", "DASHBOARD_SESSION_IDLE_MINUTES must be a whole number")]
    [InlineData("DASHBOARD_SESSION_MAX_HOURS", "lots", "DASHBOARD_SESSION_MAX_HOURS must be a whole number")]
    public void A_malformed_setting_is_reported_by_name(string variable, string value, string message)
    {
        var options = Bind(With(variable, value));

        Assert.Contains(options.Problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_is_accepted_for_a_provider_on_this_machine_only()
    {
        var options = Bind(With("OIDC_AUTHORITY", "http://127.0.0.1:5081/realms/westside-basketball/"));

        Assert.Empty(options.Problems);
        Assert.Equal("http://127.0.0.1:5081/realms/westside-basketball", options.Authority);
        Assert.True(options.AuthorityIsLoopbackHttp);
    }

    [Fact]
    public void The_demo_scripts_older_cookie_switch_still_works_and_the_documented_one_wins()
    {
        Assert.False(Bind(With("Dashboard:CookieSecure", "false")).CookieSecure);
        var both = With("Dashboard:CookieSecure", "false");
        both["DASHBOARD_COOKIE_SECURE"] = "true";
        Assert.True(Bind(both).CookieSecure);
    }

    [Fact]
    public void The_idle_time_cannot_exceed_the_absolute_limit()
    {
        var values = With("DASHBOARD_SESSION_IDLE_MINUTES", "600");
        values["DASHBOARD_SESSION_MAX_HOURS"] = "2";

        Assert.Contains(Bind(values).Problems, p => p.Contains("must not be shorter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_secure_cookies_the_session_cookie_is_host_prefixed_and_the_sign_in_cookies_are_secure()
    {
        var settings = new Dictionary<string, string?>(Complete)
        {
            ["OIDC_AUTHORITY"] = "http://127.0.0.1:9/realms/westside-basketball",
        };
        await using var app = new DashboardServer(OidcProvider.FreePort(), settings, new MemoryLog()).Start();

        var options = app.Services.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(DashboardAuth.CookieScheme);
        var oauth = app.Services.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>()
            .Get(DashboardAuth.OidcScheme);

        Assert.Equal("__Host-westside-session", options.Cookie.Name);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, oauth.CorrelationCookie.SecurePolicy);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Lax, oauth.CorrelationCookie.SameSite);
        Assert.True(oauth.UsePkce);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, oauth.NonceCookie.SecurePolicy);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Lax, oauth.NonceCookie.SameSite);
    }
}
