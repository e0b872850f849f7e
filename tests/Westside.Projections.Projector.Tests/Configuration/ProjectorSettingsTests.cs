using Npgsql;
using Westside.Projections.Projector.Configuration;
using Xunit;

namespace Westside.Projections.Projector.Tests.Configuration;

public sealed class ProjectorSettingsTests
{
    private static ProjectorSettings Read(Dictionary<string, string> env) =>
        ProjectorSettings.FromEnvironment(k => env.GetValueOrDefault(k));

    [Fact]
    public void A_postgres_url_and_a_keyword_string_both_work()
    {
        var settings = Read(new()
        {
            ["SOURCE_PGURL"] = "postgres://ro%40club:p%3Ass@db.example:6543/basketball?sslmode=require",
            ["STORE_PGURL"] = "Host=store;Port=5433;Database=westside;Username=w;Password=x",
        });

        var source = new NpgsqlConnectionStringBuilder(settings.SourceConnectionString);
        Assert.Equal(("db.example", 6543, "basketball", "ro@club", "p:ss", SslMode.Require),
            (source.Host, source.Port, source.Database, source.Username, source.Password, source.SslMode));
        var store = new NpgsqlConnectionStringBuilder(settings.StoreConnectionString);
        Assert.Equal(("store", 5433, "westside"), (store.Host, store.Port, store.Database));
        Assert.Equal(TimeSpan.FromSeconds(2), settings.PollInterval);
    }

    [Fact]
    public void A_poll_interval_out_of_range_is_refused_by_name()
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(new()
        {
            ["SOURCE_PGURL"] = "Host=a", ["STORE_PGURL"] = "Host=b", ["POLL_INTERVAL_MS"] = "5",
        }));

        Assert.Contains("POLL_INTERVAL_MS", e.Message);
    }

    [Fact]
    public void A_malformed_url_names_the_variable_but_not_the_password()
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(new()
        {
            ["SOURCE_PGURL"] = "Host=a", ["STORE_PGURL"] = "postgres://u:hunter2@[bad",
        }));

        Assert.Contains("STORE_PGURL", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
