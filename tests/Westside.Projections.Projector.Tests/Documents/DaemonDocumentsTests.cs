using System.Diagnostics;
using Marten;
using Npgsql;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Documents;

// Every story run as a Marten projection by Marten's async daemon, over the event log the engine
// captures: its documents equal the engine's, document for document, and agree with the SQL oracles,
// once the club has loaded and again after source writes made while both run.
[Collection(EngineCollection.Name)]
public sealed class DaemonDocumentsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 500, false)]
    [InlineData(false, 5000, false)]
    [InlineData(false, 5000, true)]
    public async Task Documents_built_by_Martens_async_daemon_equal_the_engines_and_agree_with_the_oracles(
        bool shardPerStory, int batchSize, bool insertFirstBuild)
    {
        await using var club = await DifferentialClub.StartAsync(seed: 42, players: 150);
        await club.SettleAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        using var store = await StoryStores.CreateAsync(log, shardPerStory, batchSize, insertFirstBuild);
        using var daemon = await store.BuildProjectionDaemonAsync();

        var clock = Stopwatch.StartNew();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(StoryStores.Patience);
        output.WriteLine($"daemon caught up with the loaded club in {clock.ElapsedMilliseconds} ms");
        await AssertSameAsync(club, "after the load");

        var mutations = new SourceMutations(42);
        await mutations.ApplyAsync(club.SourceAdmin, 25, 3, TimeSpan.FromMilliseconds(60), true, CancellationToken.None);
        await club.SettleAsync();
        clock.Restart();
        await daemon.WaitForNonStaleData(StoryStores.Patience);
        output.WriteLine($"daemon caught up with {mutations.Total} source writes in {clock.ElapsedMilliseconds} ms");
        await AssertSameAsync(club, "after the source writes");
        await daemon.StopAllAsync();
    }

    private async Task AssertSameAsync(DifferentialClub club, string when)
    {
        var daemon = await StoryTables.ReadAsync(club.Store);
        output.WriteLine($"{when}: {string.Join(", ", daemon.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value.Count}"))}");
        var differences = StoryTables.Differences(await club.LiveDocumentsAsync(), daemon);
        Assert.True(differences.Count == 0, $"{when}: {string.Join("\n", differences.Take(30))}");
        var oracles = await club.DifferencesAsync(daemon);
        Assert.True(oracles.Count == 0, $"{when}: {string.Join("\n", oracles.Take(30))}");
    }
}
