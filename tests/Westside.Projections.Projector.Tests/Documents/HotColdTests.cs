using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Events;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Documents;

// Two Marten hosts (two processes' worth) run the stories' daemon in HotCold mode over one store: one
// runs the shard, the other stands by; when the one running it stops, the other takes the shard over and
// the documents reach the log head again.
[Collection(EngineCollection.Name)]
public sealed class HotColdTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task When_the_daemon_running_the_stories_stops_the_standby_takes_over_within_ten_seconds()
    {
        await using var club = await DifferentialClub.StartAsync(seed: 42, players: 150);
        await club.SettleAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        (await StoryStores.CreateAsync(log)).Dispose();

        await using var a = Named(club.Store, "hotcold-a");
        await using var b = Named(club.Store, "hotcold-b");
        using var hostA = await StartHostAsync(a);
        using var hostB = await StartHostAsync(b);
        try
        {
            await TakeOverAsync(club, log, hostA, hostB);
        }
        finally
        {
            // Both daemons stop before their data sources and the club's databases go.
            await hostA.StopAsync();
            await hostB.StopAsync();
        }
    }

    private async Task TakeOverAsync(DifferentialClub club, NpgsqlDataSource log, IHost hostA, IHost hostB)
    {
        Assert.True(await WaitForHeadAsync(log, TimeSpan.FromSeconds(60)) < TimeSpan.FromSeconds(60));

        // Stop the one holding the shard's leadership (an advisory lock on its connections).
        var leader = await LeaderAsync(log);
        var clock = Stopwatch.StartNew();
        await (leader == "hotcold-a" ? hostA : hostB).StopAsync();
        await new SourceMutations(42).ApplyAsync(club.SourceAdmin, 10, 2, TimeSpan.FromMilliseconds(60), false, CancellationToken.None);
        await club.SettleAsync();
        var caughtUp = await WaitForHeadAsync(log, Takeover);
        output.WriteLine($"{leader} ran the shard and stopped; the documents reached the log head {caughtUp.TotalMilliseconds:F0} ms after the log did ({clock.ElapsedMilliseconds} ms after the stop)");
        Assert.True(caughtUp < Takeover, $"{caughtUp}");
        Assert.Equal(leader == "hotcold-a" ? "hotcold-b" : "hotcold-a", await LeaderAsync(log));
    }

    private static NpgsqlDataSource Named(string store, string name) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(store) { ApplicationName = name }.ConnectionString);

    private static async Task<IHost> StartHostAsync(NpgsqlDataSource log)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMarten(MartenEventStore.Options(log, o =>
        {
            StoryDocuments.Register(o, ProjectionCatalog.All, log, shardPerStory: false, batchSize: 5000);
            o.Projections.LeadershipPollingTime = 500;
        })).AddAsyncDaemon(DaemonMode.HotCold);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<string> LeaderAsync(NpgsqlDataSource log)
    {
        await using var cmd = log.CreateCommand(
            "select distinct a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
            "where l.locktype = 'advisory' and a.application_name like 'hotcold-%'");
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return Assert.Single(names);
    }

    // Until the stories' shard is at the log head (or the limit): how long that took.
    private static async Task<TimeSpan> WaitForHeadAsync(NpgsqlDataSource log, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = await log.OpenConnectionAsync();
        while (clock.Elapsed <= limit)
        {
            var head = await EventLogReader.HeadAsync(conn, null, CancellationToken.None);
            var shards = await ShardProgressReader.ReadAsync(conn, CancellationToken.None);
            if (shards.Count == 1 && shards[0].Position == head)
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }
}
