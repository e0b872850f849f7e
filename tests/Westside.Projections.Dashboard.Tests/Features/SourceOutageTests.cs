using System.Net;
using Npgsql;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// The dashboard has no source connection string: with the source database shut to everyone, every
// page still renders from the store, with a visible staleness warning saying since when.
public class SourceOutageTests(StaleClubFixture club) : IClassFixture<StaleClubFixture>
{
    private static readonly string[] Paths =
    [
        "/", "/triage", "/cohorts", "/clusters", "/jerseys", "/contracts", "/dues", "/tournaments", "/gaps", "/families/1",
        "/projections",
    ];

    [Fact]
    public async Task With_the_source_down_every_page_renders_from_the_store_with_a_staleness_warning()
    {
        // Take the source away: no new connections, existing ones killed.
        await club.Server.AdminExecAsync($"alter database {club.SourceDatabase} allow_connections false");
        await club.Server.AdminExecAsync(
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{club.SourceDatabase}'");
        NpgsqlConnection.ClearAllPools();

        // The projector keeps running and keeps failing to poll: heartbeats say the source is not ok.
        using var stop = new CancellationTokenSource();
        var projector = ClubLoader.RunProjectorAsync(
            club.SourceReadOnly, club.Store, TimeSpan.FromMilliseconds(StaleClubFixture.FastPollIntervalMs), stop.Token);
        await WaitUntilAsync("select not source_ok and last_error_at > last_poll_at + interval '300 ms' from heartbeat");

        try
        {
            var client = club.App.CreateClient();

            // Pages read the heartbeat through the dashboard's store watch, a fraction of a poll interval behind.
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((await Html.GetAsync(client, Paths[0])).Document.QuerySelector("#freshness.freshness.stale") is null
                   && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }

            foreach (var path in Paths)
            {
                var (response, page) = await Html.GetAsync(client, path);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotNull(page.QuerySelector("main h1"));
                var badge = page.QuerySelector("#freshness.freshness.stale")!;
                Assert.Contains("Data may be out of date.", badge.Text(), StringComparison.Ordinal);
                Assert.Contains("The projector cannot read the source database.", badge.Text(), StringComparison.Ordinal);
                Assert.Matches(@"No update since \d\d:\d\d:\d\d \(\d+ s ago\)\.", badge.Text());
            }

            var health = await client.GetStringAsync("/healthz");
            Assert.Contains("\"status\":\"stale\"", health, StringComparison.Ordinal);
            Assert.Contains("\"sourceOk\":false", health, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await projector;
        }

        // Every session the dashboard opened is on the store; none ever reached the source.
        Assert.Equal([club.StoreDatabase], await DatabasesOfAsync("westside-dashboard"));
    }

    [Fact]
    public void The_dashboards_only_data_source_is_the_store()
    {
        var source = club.App.Services.GetService(typeof(NpgsqlDataSource)) as NpgsqlDataSource;

        Assert.Equal(club.StoreDatabase, new NpgsqlConnectionStringBuilder(source!.ConnectionString).Database);
    }

    private async Task<List<string>> DatabasesOfAsync(string application)
    {
        await using var conn = new NpgsqlConnection(club.Server.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select distinct datname from pg_stat_activity where application_name = @app and datname in (@store, @source)", conn);
        cmd.Parameters.AddWithValue("app", application);
        cmd.Parameters.AddWithValue("store", club.StoreDatabase);
        cmd.Parameters.AddWithValue("source", club.SourceDatabase);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task WaitUntilAsync(string condition)
    {
        await using var conn = new NpgsqlConnection(club.Store);
        await conn.OpenAsync();
        for (var i = 0; i < 100; i++)
        {
            await using var cmd = new NpgsqlCommand(condition, conn);
            if (await cmd.ExecuteScalarAsync() is true)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Still false after 10 s: {condition}");
    }
}
