using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Engine;

// Runs once per capture mode: the xmin scan (a source without the optional change marker) and the change
// marker (ops/sql/source/optional/). Each run owns its databases.
[Collection(EngineCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 8;
    private const string Deleted = "<deleted>";

    // Committed versions per (table, key), in commit order. A version is the marker the writer put in
    // the row (players.last_name, parents.email), unique per transaction; Deleted for a delete.
    private readonly ConcurrentDictionary<(string Table, long Key), List<string>> _ledger = new();
    private int _nextPlayer = 10_000;
    private int _commits;
    private readonly MigratedStore _db = new();
    private int _rollbacks;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chaos_writers_leave_no_missed_or_duplicated_event(bool changeMarker)
    {
        if (changeMarker)
        {
            await _db.ApplyChangeMarkerAsync();
        }

        await _db.SourceExecAsync("""
            insert into teams (id, name, season, age_group, gender)
                select g, 'Team ' || g, '2026-spring', '12U', 'girls' from generate_series(1, 4) g;
            insert into parents (id, first_name, last_name, email)
                select g, 'Parent', 'Family ' || g, 'p' || g || '@example.test' from generate_series(1, 16) g;
            """);
        for (var p = 1; p <= 16; p++)
        {
            _ledger[("parents", p)] = [$"p{p}@example.test"];
        }

        await using (var engine = EngineRun.Start(_db, [new PlayerRowsProjection(), new TeamCountsProjection()], TimeSpan.FromMilliseconds(200)))
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, TimeSpan.FromSeconds(12)))));
            output.WriteLine($"writers: {_commits} commits, {_rollbacks} rollbacks in {clock.Elapsed.TotalSeconds:0.0} s");

            // Deletes surface at the capture's next id reconciliation (every 30 polls).
            var probe = new StoreProbe(_db.Store);
            Assert.Empty(await probe.WaitUntilMirrorsAsync(_db.SourceAdmin, TimeSpan.FromSeconds(30)));
            Assert.False(engine.Running.IsCompleted);
            await WaitForCheckpointsAsync(probe);

            // The mode under test really ran: captures that read tables read every one by marker, or none.
            var reading = engine.Logs.Lines
                .Where(l => l.EventId == 3101 && !l.Message.StartsWith("Captured: 0 tables scanned", StringComparison.Ordinal))
                .ToList();
            var polls = reading.Count;
            var byMarker = reading.Count(l => l.Message.Contains(", 10 by change marker)", StringComparison.Ordinal));
            output.WriteLine($"{polls} captures read tables, {byMarker} of them every table by change marker");
            Assert.True(changeMarker ? byMarker > polls / 2 : byMarker == 0, $"{byMarker} of {polls} captures by change marker");
        }

        var events = await new StoreProbe(_db.Store).EventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));

        // Per key, the versions the log shows are committed versions, in commit order, each at most once
        // (no phantom from a rollback, no duplicate), and the last one is the key's final version.
        // One change may yield several events (a player who moves team AND signs: PlayerAssignedToTeam
        // and PlayerContractStatusChanged, same image): a run of one version must not repeat an event type.
        var imagesByKey = events
            .Where(e => e.SourceTable is "players" or "parents")
            .GroupBy(e => (e.SourceTable, long.Parse(e.SourceKey, System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => Versions(g.Key, g.ToList()));
        foreach (var (key, versions) in _ledger)
        {
            var images = imagesByKey.GetValueOrDefault(key) ?? [];
            var position = 0;
            foreach (var image in images)
            {
                var found = versions.IndexOf(image, position);
                Assert.True(found >= 0, $"{key}: version {image} is not a committed version after position {position}");
                position = found + 1;
            }

            var final = images.Count > 0 ? images[^1] : Deleted;
            Assert.True(final == versions[^1], $"{key}: the log ends at {final}, the source at {versions[^1]}");
        }

        Assert.Empty(imagesByKey.Keys.Except(_ledger.Keys));
        Assert.True(_commits > 40 && _rollbacks > 0, $"{_commits} commits, {_rollbacks} rollbacks");

        var reader = new DocumentReader(_db.StoreSource);
        await ExpectedDocuments.AssertMatchSourceAsync(reader, await SourceMirror.ReadAsync(_db.SourceAdmin));
    }

    private static List<string> Versions((string, long) key, List<RecordedEvent> events)
    {
        var versions = new List<string>();
        var types = new HashSet<string>();
        foreach (var e in events)
        {
            var marker = Marker(e.Event);
            if (versions.Count > 0 && versions[^1] == marker)
            {
                Assert.True(types.Add(e.Type), $"{key}: {e.Type} of version {marker} appears twice (seq {e.Sequence})");
                continue;
            }

            versions.Add(marker);
            types.Clear();
            types.Add(e.Type);
        }

        return versions;
    }

    private static string Marker(IDomainEvent e) => e switch
    {
        IRowEvent<PlayerRow> p => p.Row.LastName,
        IRowEvent<ParentRow> p => p.Row.Email!,
        IRemovalEvent => Deleted,
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private async Task WaitForCheckpointsAsync(StoreProbe probe)
    {
        var status = await probe.StatusAsync();
        Assert.All(status.Projections, p => Assert.Equal(status.LogHead, p.Checkpoint));
        Assert.True(status.Heartbeat.SourceOk);
    }

    // One writer: transactions of 1-3 operations on its own players and parents, held open 0-3 s,
    // 10% rolled back.
    private async Task WriteAsync(int writer, TimeSpan duration)
    {
        var random = new Random(writer * 7919 + 1);
        var mine = new List<int>();
        int[] parents = [writer * 2 + 1, writer * 2 + 2];
        await using var conn = new NpgsqlConnection(_db.SourceAdmin);
        await conn.OpenAsync();
        var until = DateTime.UtcNow + duration;
        for (var n = 1; DateTime.UtcNow < until; n++)
        {
            var marker = $"w{writer}t{n}";
            var touched = new Dictionary<(string, long), string>();
            var after = mine.ToList();
            await using var tx = await conn.BeginTransactionAsync();
            for (var op = random.Next(1, 4); op > 0; op--)
            {
                var roll = random.Next(100);
                if (after.Count == 0 || roll < 40)
                {
                    var id = Interlocked.Increment(ref _nextPlayer);
                    await ExecAsync(conn, tx, """
                        insert into players (id, parent_id, team_id, first_name, last_name, birth_year, contract_status)
                        values (@id, @parent, @team, 'Kid', @marker, 2014, 'none')
                        """, ("id", id), ("parent", parents[random.Next(2)]), ("team", random.Next(5) == 0 ? null : 1 + random.Next(4)), ("marker", marker));
                    after.Add(id);
                    touched[("players", id)] = marker;
                }
                else if (roll < 75)
                {
                    var id = after[random.Next(after.Count)];
                    await ExecAsync(conn, tx, """
                        update players set last_name = @marker, team_id = @team, contract_status = @status where id = @id
                        """, ("id", id), ("marker", marker), ("team", random.Next(5) == 0 ? null : 1 + random.Next(4)),
                        ("status", new[] { "none", "sent", "signed", "declined" }[random.Next(4)]));
                    touched[("players", id)] = marker;
                }
                else if (roll < 90)
                {
                    var id = after[random.Next(after.Count)];
                    await ExecAsync(conn, tx, "delete from players where id = @id", ("id", id));
                    after.Remove(id);
                    touched[("players", id)] = Deleted;
                }
                else
                {
                    var id = parents[random.Next(2)];
                    await ExecAsync(conn, tx, "update parents set email = @email where id = @id", ("id", id), ("email", $"{marker}@example.test"));
                    touched[("parents", id)] = $"{marker}@example.test";
                }
            }

            await Task.Delay(random.Next(0, 3001));
            if (random.Next(10) == 0)
            {
                await tx.RollbackAsync();
                Interlocked.Increment(ref _rollbacks);
                continue;
            }

            await tx.CommitAsync();
            Interlocked.Increment(ref _commits);
            mine = after;
            foreach (var (key, version) in touched)
            {
                _ledger.GetOrAdd(key, _ => []).Add(version);
            }
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await cmd.ExecuteNonQueryAsync();
    }
}
