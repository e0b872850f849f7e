using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class RebuildTests(MigratedStore db, ITestOutputHelper output) : IClassFixture<MigratedStore>
{
    private const int Players = 30_000;

    [Fact]
    public async Task Readers_never_see_a_half_built_generation_during_a_rebuild()
    {
        await db.SourceExecAsync($"""
            insert into teams (id, name, season, age_group, gender)
                select g, 'Team ' || g, '2026-spring', (10 + g % 8) || 'U', 'girls' from generate_series(1, 12) g;
            insert into parents (id, first_name, last_name) select g, 'Zoë', 'O''Brien ' || g from generate_series(1, 3000) g;
            insert into players (id, parent_id, team_id, first_name, last_name, birth_year, contract_status)
                select g, 1 + g % 3000, case when g % 9 = 0 then null else 1 + g % 12 end, 'Kid', 'Family ' || g, 2014,
                       (array['none','sent','signed','declined'])[1 + g % 4]
                from generate_series(1, {Players}) g;
            """);

        // Each projection twice: the test-* ones get rebuilt, the twin-* ones are only ever kept up
        // incrementally; at the end both must hold the same documents.
        await using var engine = EngineRun.Start(
            db,
            [new PlayerRowsProjection(), new TeamCountsProjection(), new PlayerRowsProjection("twin-players"), new TeamCountsProjection("twin-team-counts")],
            TimeSpan.FromMilliseconds(200));
        var probe = new StoreProbe(db.Store);
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(60)));

        using var stop = new CancellationTokenSource();
        var reader = new DocumentReader(db.StoreSource);
        var errors = new ConcurrentQueue<string>();
        var phases = new ConcurrentDictionary<string, int>();
        var reads = 0;
        var readsWhileRebuilding = 0;
        var rebuilding = false;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var wasRebuilding = Volatile.Read(ref rebuilding);
                    var count = await reader.CountAsync(new DocumentQuery("test-players", "player"), default);
                    var teams = await reader.ListAsync(new DocumentQuery("test-team-counts", "team"), default);
                    var one = await reader.GetAsync("test-players", $"player:{1 + random.Next(Players)}", default);
                    var page = await reader.ListAsync(new DocumentQuery("test-players", "player") { Search = "family 12", Limit = 20 }, default);
                    if (count != Players || teams.Sum(t => t.As<TeamCountDocument>().Players) != Players || one is null || page.Count != 20)
                    {
                        errors.Enqueue($"saw {count} players, {teams.Count} team documents, one={one is not null}, page={page.Count}");
                    }

                    Interlocked.Increment(ref reads);
                    if (wasRebuilding && Volatile.Read(ref rebuilding))
                    {
                        Interlocked.Increment(ref readsWhileRebuilding);
                    }
                }
                catch (Exception e)
                {
                    errors.Enqueue(e.GetType().Name + " " + e.Message);
                }
            }
        })).ToList();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rows = await reader.ProjectionsAsync(default);
                var building = rows.Where(p => p.Name.StartsWith("test-", StringComparison.Ordinal) && p.IsRebuilding).ToList();
                Volatile.Write(ref rebuilding, building.Count > 0);
                foreach (var p in building.Where(p => p.Progress is not null))
                {
                    phases.AddOrUpdate(p.Progress!.Phase, 1, (_, n) => n + 1);
                }

                await Task.Delay(20);
            }
        });

        // Changes keep arriving during the rebuild, so it has to catch up before the swap.
        var writer = Task.Run(async () =>
        {
            var random = new Random(5);
            while (!stop.IsCancellationRequested)
            {
                await db.SourceExecAsync(
                    $"update players set contract_status = 'signed', jersey_number = {random.Next(99)} where id = {1 + random.Next(Players)}");
                await Task.Delay(30);
            }
        });

        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        long[] ids =
        [
            await engine.FileAsync("rebuild", "test-players", "dashboard:subject-42"),
            await engine.FileAsync("rebuild", "test-team-counts", "dashboard:subject-42"),
        ];

        foreach (var id in ids)
        {
            while ((await reader.RequestAsync(id, default))!.Status is "pending" or "running")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the rebuild did not finish within 60 s");
                await Task.Delay(50);
            }
        }

        output.WriteLine($"rebuild requests served in {clock.ElapsedMilliseconds} ms; {reads} reads, {readsWhileRebuilding} while rebuilding; phases seen: {string.Join(", ", phases.Select(kv => $"{kv.Key} x{kv.Value}"))}");
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll([.. readers, watcher, writer]);

        Assert.Empty(errors);
        Assert.True(readsWhileRebuilding > 0, "no read happened while the rebuild ran");
        Assert.Contains("writing", phases.Keys);
        Assert.All(ids, id => Assert.Equal("done", reader.RequestAsync(id, default).Result!.Status));

        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));
        await Task.Delay(600);
        var status = await probe.StatusAsync();
        Assert.All(status.Projections, p => Assert.Equal(status.LogHead, p.Checkpoint));
        Assert.Equal(
            new[] { ("test-players", 1), ("test-team-counts", 1), ("twin-players", 0), ("twin-team-counts", 0) },
            status.Projections.Select(p => (p.Name, p.LiveGeneration)));
        Assert.All(status.Projections, p => Assert.False(p.IsRebuilding));
        Assert.True(await probe.ScalarAsync<bool>("select to_regclass('documents') is null"));

        Assert.Equal(await ExpectedDocuments.ContentAsync(probe, "twin-players"), await ExpectedDocuments.ContentAsync(probe, "test-players"));
        Assert.Equal(await ExpectedDocuments.ContentAsync(probe, "twin-team-counts"), await ExpectedDocuments.ContentAsync(probe, "test-team-counts"));
        await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(db.SourceAdmin));

        var audit = await probe.RowsAsync("select actor, action, detail->>'projection', detail->'generations' is not null from audit_log order by id");
        Assert.Equal(["dashboard:subject-42 | rebuild.completed | test-players | True", "dashboard:subject-42 | rebuild.completed | test-team-counts | True"], audit);
        Assert.False(engine.Running.IsCompleted);
    }
}
