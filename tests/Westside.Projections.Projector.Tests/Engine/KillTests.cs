using System.Diagnostics;
using Npgsql;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class KillTests(MigratedStore db, ITestOutputHelper output) : IClassFixture<MigratedStore>
{
    private const int PollMs = 100;

    // Two projector processes follow the same source changes into two stores: one runs undisturbed,
    // the other is SIGKILLed at a random moment after each change (typically inside the batch that
    // captures it) and restarted. The stores must end up identical: log, row images, documents,
    // checkpoints. The projections are the catalog's (ProjectionCatalog.All).
    [Fact]
    public async Task Killing_the_projector_mid_batch_twenty_times_leaves_the_store_as_an_uninterrupted_run()
    {
        var killedStore = db.Server.ConnectionString(await db.Server.CreateEmptyDatabaseAsync("killed"));
        await using (var source = NpgsqlDataSource.Create(killedStore))
        {
            await StoreMigrator.MigrateAsync(source, default);
        }

        await db.SourceExecAsync("""
            insert into teams (id, name, season, age_group, gender)
                select g, 'Team ' || g, '2026-spring', '12U', 'boys' from generate_series(1, 10) g;
            insert into parents (id, first_name, last_name) select g, 'Parent', 'Family ' || g from generate_series(1, 200) g;
            """);
        var steady = new StoreProbe(db.Store);
        var killed = new StoreProbe(killedStore);
        using var uninterrupted = ProjectorProcess.Start(db, db.Store, PollMs, "uninterrupted");
        var victim = ProjectorProcess.Start(db, killedStore, PollMs, "victim-0");
        try
        {
            await BothMirrorAsync(steady, killed);
            var random = new Random(2026);
            var inBatch = 0;
            var clock = Stopwatch.StartNew();
            for (var step = 1; step <= 20; step++)
            {
                var committedAt = await CommitAsync(Changes(step));

                // Kill at a random point of the poll transaction that captures the change (or, when the
                // moment is past its commit, just after it).
                await WaitForBatchAsync(killedStore, committedAt, TimeSpan.FromSeconds(3));
                await Task.Delay(random.Next(0, 60));
                if (await LeaderBusyAsync(killedStore))
                {
                    inBatch++;
                }

                victim.Kill();
                victim.Dispose();
                var restart = Stopwatch.StartNew();
                victim = ProjectorProcess.Start(db, killedStore, PollMs, $"victim-{step}");
                await BothMirrorAsync(steady, killed);
                output.WriteLine($"step {step}: caught up {restart.ElapsedMilliseconds} ms after the restart");
                if (step % 10 == 0)
                {
                    // Deletes surface at the capture's id reconciliation; no kill during these steps, so
                    // both sides emit the removals in one batch of their own.
                    await db.SourceExecAsync($"delete from players where id % 11 = {step % 11} and id < {step * 1000}");
                    await BothMirrorAsync(steady, killed);
                }
            }

            output.WriteLine($"20 kills in {clock.Elapsed.TotalSeconds:0.0} s, {inBatch} of them while the leader's store connection was inside a transaction");
            Assert.True(inBatch >= 5, $"only {inBatch} of 20 kills hit a batch");

            // Let both settle (checkpoints, last images), then compare everything durable.
            await Task.Delay(1000);
            var expected = await steady.DurableContentAsync();
            var actual = await killed.DurableContentAsync();
            Assert.True(expected["events"].Count > 8000, $"{expected["events"].Count} events");
            foreach (var (part, rows) in expected)
            {
                Assert.True(rows.SequenceEqual(actual[part]), $"{part} differ ({rows.Count} vs {actual[part].Count} rows)");
            }

            LogChecks.AssertGapless(await steady.EventsAsync());
            var events = await killed.EventsAsync();
            LogChecks.AssertGapsOnlyFromKills(events, kills: 20);
            LogChecks.AssertNoDuplicates(events);
            var status = await killed.StatusAsync();
            Assert.All(status.Projections, p => Assert.Equal(status.LogHead, p.Checkpoint));
        }
        finally
        {
            victim.Dispose();
        }
    }

    // One source transaction per step: 400 new players, updates to a seventh of the older ones, some parents.
    private static string Changes(int step) => $"""
        insert into players (id, parent_id, team_id, first_name, last_name, birth_year)
            select {step} * 1000 + g, 1 + g % 200, 1 + g % 10, 'Kid', 'Step {step} ' || g, 2014 from generate_series(1, 400) g;
        update players set contract_status = (array['sent','signed','declined'])[1 + (id + {step}) % 3], team_id = 1 + (id + {step}) % 10
            where id % 7 = {step % 7} and id < {step} * 1000;
        update parents set phone = '555-01{step:D2}' where id % 20 = {step % 20};
        """;

    private async Task BothMirrorAsync(StoreProbe a, StoreProbe b)
    {
        // A wait bound, not a speed target: catching up after a restart takes longer on a busy 2-core machine.
        Assert.Empty(await a.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(120)));
        Assert.Empty(await b.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(120)));
    }

    // Commits the step's changes; returns the server clock just after the commit.
    private async Task<DateTime> CommitAsync(string sql)
    {
        await db.SourceExecAsync(sql);
        await using var conn = new NpgsqlConnection(db.SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select clock_timestamp()", conn);
        return (DateTime)(await cmd.ExecuteScalarAsync())!;
    }

    // Waits until the leader of the store is in a transaction that began after the given moment.
    private async Task WaitForBatchAsync(string store, DateTime after, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !await LeaderBusyAsync(store, after))
        {
            await Task.Delay(5);
        }
    }

    // Whether the leader's connection to this store is inside a transaction right now (a poll batch).
    private async Task<bool> LeaderBusyAsync(string store, DateTime? since = null)
    {
        var database = new NpgsqlConnectionStringBuilder(store).Database;
        await using var conn = new NpgsqlConnection(db.Server.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select count(*) from pg_stat_activity a join pg_locks l on l.pid = a.pid and l.locktype = 'advisory'
            where a.datname = @db and a.xact_start > @since
            """, conn);
        cmd.Parameters.AddWithValue("db", database!);
        cmd.Parameters.AddWithValue("since", since ?? DateTime.MinValue.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }
}
