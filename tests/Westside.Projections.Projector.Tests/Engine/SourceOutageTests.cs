using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Engine;

// Its own collection: it mostly waits out the outage, so it runs beside the other engine tests.
public sealed class SourceOutageTests(MigratedStore db, ITestOutputHelper output) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task Source_outage_of_thirty_seconds_loses_nothing()
    {
        await db.SourceExecAsync("""
            insert into teams (id, name, season, age_group, gender) values (1, 'Team One', '2026-spring', '12U', 'girls');
            insert into parents (id, first_name, last_name, email, phone)
                select g, 'Zoë', 'O''Brien-Séverin', 'zoe.' || g || '@example.test', '+1 555 0100' from generate_series(1, 20) g;
            insert into players (id, parent_id, team_id, first_name, last_name, birth_year)
                select g, 1 + g % 20, 1, 'Amélie', 'D''Arcy-Núñez', 2014 from generate_series(1, 50) g;
            """);

        // The ceiling of the backoff is an option (30 s by default); 4 s keeps the test short.
        await using var engine = EngineRun.Start(
            db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(200), maxBackoff: TimeSpan.FromSeconds(4));
        var probe = new StoreProbe(db.Store);
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(20)));

        // The source goes away for the read-only role: no new connections, existing ones cut.
        await db.Server.AdminExecAsync($"revoke connect on database {db.SourceDatabase} from public");
        await db.Server.AdminExecAsync($"""
            select pg_terminate_backend(pid) from pg_stat_activity
            where datname = '{db.SourceDatabase}' and usename = '{PostgresServer.ReadOnlyRole}'
            """);
        var down = Stopwatch.StartNew();

        // basketball-api keeps working meanwhile.
        await db.SourceExecAsync("""
            insert into players (id, parent_id, team_id, first_name, last_name, birth_year)
                select g, 1 + g % 20, null, 'Amélie', 'D''Arcy-Núñez', 2015 from generate_series(51, 80) g;
            update players set contract_status = 'signed' where id <= 10;
            update parents set phone = '+1 555 0199' where id = 3;
            delete from players where id = 50;
            """);
        await Task.Delay(TimeSpan.FromSeconds(15));
        var heartbeat = (await probe.StatusAsync()).Heartbeat;
        Assert.False(heartbeat.SourceOk);
        Assert.NotNull(heartbeat.LastError);
        Assert.True(heartbeat.SinceLastPoll > TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(30) - down.Elapsed);

        await db.Server.AdminExecAsync($"grant connect on database {db.SourceDatabase} to public");
        var outage = down.Elapsed;
        var back = Stopwatch.StartNew();
        Assert.Empty(await probe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(30)));
        output.WriteLine($"caught up {back.ElapsedMilliseconds} ms after the source came back (outage {outage.TotalSeconds:0.0} s)");
        Assert.False(engine.Running.IsCompleted);

        // Nothing lost, nothing doubled: the log mirrors the source and is gapless.
        var events = await probe.EventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        await Task.Delay(500);
        var status = await probe.StatusAsync();
        Assert.True(status.Heartbeat.SourceOk);
        Assert.All(status.Projections, p => Assert.Equal(status.LogHead, p.Checkpoint));
        await ExpectedDocuments.AssertMatchSourceAsync(new DocumentReader(db.StoreSource), await SourceMirror.ReadAsync(db.SourceAdmin));

        // The backoff is logged, grows, and recovers; no log line and no stored error carries a value.
        var lines = engine.Logs.Lines.ToList();
        var backoffs = lines.Where(l => l.EventId == 3006).ToList();
        output.WriteLine(string.Join("\n", backoffs.Select(l => l.Message)));
        Assert.InRange(backoffs.Count, 5, 40);
        Assert.All(backoffs, l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.Contains("backing off 4000 ms", backoffs[^1].Message, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EventId == 3007);
        // The phone as written, not "555" alone, which a log line's timings or byte counts can contain.
        string[] values = ["Zoë", "O'Brien", "Amélie", "Arcy", "example.test", "+1 555", "Team One"];
        Assert.All(lines.Concat([(default, 0, LogLevel.None, heartbeat.LastError!)]), l =>
            Assert.DoesNotContain(values, v => l.Message.Contains(v, StringComparison.OrdinalIgnoreCase)));
    }
}
