using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class DocumentReaderTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task Readers_see_only_the_live_generation_listed_in_ordinal_sort_key_order()
    {
        const string projection = "reader-test";
        await using var conn = await db.StoreSource.OpenConnectionAsync();
        await ExecAsync(conn, $"insert into projections (name, live_generation, checkpoint) values ('{projection}', 1, 5)");
        await WriteAsync(conn, projection, generation: 1,
            Row("p:1", "player", "b|1", "zoë o'neil", """{"team":"12U","n":1}"""),
            Row("p:2", "player", "a|2", "ann_lee", """{"team":"13U","n":2}"""),
            Row("p:3", "player", "B|3", "bo 100%", """{"team":"12U","n":3}"""),
            Row("t:1", "team", "x", "", """{"players":3}"""));
        await WriteAsync(conn, projection, generation: 2, Row("p:9", "player", "a", "new", """{"team":"12U","n":9}"""));

        var reader = new DocumentReader(db.StoreSource);
        var players = new DocumentQuery(projection, "player");
        Assert.Equal(["p:3", "p:2", "p:1"], (await reader.ListAsync(players, default)).Select(d => d.Id)); // "B" < "a" < "b" ordinally
        Assert.Equal(3, await reader.CountAsync(players, default));
        Assert.Equal(["p:2"], (await reader.ListAsync(players with { Limit = 1, Offset = 1 }, default)).Select(d => d.Id));
        Assert.Equal(["p:3", "p:1"], (await reader.ListAsync(players with { Contains = """{"team":"12U"}""" }, default)).Select(d => d.Id));
        Assert.Equal(["p:1"], (await reader.ListAsync(players with { Search = "O'NEIL" }, default)).Select(d => d.Id));
        Assert.Equal(["p:3"], (await reader.ListAsync(players with { Search = "100%" }, default)).Select(d => d.Id));
        Assert.Empty(await reader.ListAsync(players with { Search = "a_n" }, default)); // _ is literal, not a wildcard
        Assert.Equal(["p:2"], (await reader.ListAsync(players with { Search = "_" }, default)).Select(d => d.Id));
        Assert.Equal(new Dictionary<string, long> { ["player"] = 3, ["team"] = 1 }, await reader.CountByKindAsync(projection, default));
        var one = await reader.GetAsync(projection, "p:2", default);
        Assert.Equal(2, one!.As<TestDocument>().N);
        Assert.Null(await reader.GetAsync(projection, "p:9", default));

        // The swap: one update moves every reader to generation 2 at once.
        await ExecAsync(conn, $"update projections set live_generation = 2 where name = '{projection}'");
        Assert.Equal(["p:9"], (await reader.ListAsync(players, default)).Select(d => d.Id));
        Assert.Null(await reader.GetAsync(projection, "p:2", default));
    }

    [Fact]
    public async Task Status_reads_log_head_heartbeat_and_projections_together()
    {
        await using var conn = await db.StoreSource.OpenConnectionAsync();
        await ExecAsync(conn, "insert into projections (name, live_generation, checkpoint) values ('status-test', 3, 0)");
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await EventLog.AppendAsync(db.Events.Store, conn, tx, new(DateTimeOffset.UtcNow, [new("teams", "1", new TeamRemoved(1))]), default);
            await HeartbeatWriter.RecordPollAsync(conn, tx, DateTimeOffset.UtcNow, default);
            await tx.CommitAsync();
        }

        var status = await new DocumentReader(db.StoreSource).StatusAsync(default);
        Assert.True(status.LogHead >= 1);
        Assert.True(status.Heartbeat.SourceOk);
        Assert.False(status.Heartbeat.LeaderAlive);
        Assert.True(status.Heartbeat.SinceLastPoll < TimeSpan.FromMinutes(1));
        var row = status.Projections.Single(p => p.Name == "status-test");
        Assert.Equal((3, 0L, false), (row.LiveGeneration, row.Checkpoint, row.IsRebuilding));

        await using var holder = await LeaderConnection.TryAcquireAsync(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.Store) { Pooling = false }.ConnectionString), default);
        Assert.NotNull(holder);
        Assert.True((await new DocumentReader(db.StoreSource).HeartbeatAsync(default)).LeaderAlive);
    }

    [Fact]
    public async Task Documents_written_before_the_filters_column_are_found_by_the_same_filters_after_the_migration()
    {
        const string projection = "backfill-test";
        string[] datas =
        [
            """{"status":"signed","version":"v2","kids":[{"status":"none"}],"note":null}""",
            """{"ageGroups":["12U","13U"],"playerIds":[4,9],"feePaid":false,"tournamentId":2,"ageGroup":null}""",
            """{"cohort":"declined","scope":"team:3","emails":["a@example.test"],"signedMonth":"2026-03"}""",
            """{"players":3}""",
        ];
        await using var conn = await db.StoreSource.OpenConnectionAsync();
        for (var i = 0; i < datas.Length; i++)
        {
            await ExecAsync(conn, $"insert into documents (projection, generation, kind, id, data, updated_seq) values ('{projection}', 1, 'doc', 'd:{i}', '{datas[i]}', 1)");
        }

        var migration = await File.ReadAllTextAsync(RepoPaths.Combine("projector", "Westside.Projections.ReadModel", "Store", "Migrations", "0005_document_filters.sql"));
        var backfill = migration[migration.IndexOf("update documents", StringComparison.Ordinal)..];
        await ExecAsync(conn, backfill[..(backfill.IndexOf(';', StringComparison.Ordinal) + 1)]);

        for (var i = 0; i < datas.Length; i++)
        {
            await using var cmd = new NpgsqlCommand(
                $"select filters = @expected::jsonb, filters::text from documents where projection = '{projection}' and id = 'd:{i}'", conn);
            cmd.Parameters.AddWithValue("expected", DocumentFilters.Extract(datas[i]));
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.GetBoolean(0), $"d:{i}: backfilled {reader.GetString(1)}, the projector writes {DocumentFilters.Extract(datas[i])}");
        }
    }

    [Fact]
    public async Task A_listing_filtered_on_a_field_that_is_not_indexed_is_refused()
    {
        var reader = new DocumentReader(db.StoreSource);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            reader.ListAsync(new DocumentQuery("triage", "team") { Contains = """{"kids":[{"playerId":7}]}""" }, default));

        Assert.Contains("'kids'", error.Message, StringComparison.Ordinal);
    }

    private static DocumentRow Row(string id, string kind, string sortKey, string search, string data) => new(id, kind, sortKey, search, data);

    // Rows as the previous engine wrote them into its documents table, which live_documents reads until a
    // store's stories are on Marten (a store migrated here has never started a projector).
    private static async Task WriteAsync(NpgsqlConnection conn, string projection, int generation, params DocumentRow[] rows)
    {
        foreach (var row in rows)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into documents (projection, generation, kind, id, sort_key, search, data, filters, updated_seq)
                values (@projection, @generation, @kind, @id, @sort_key, @search, @data::jsonb, @filters::jsonb, 5)
                """, conn);
            cmd.Parameters.AddWithValue("projection", projection);
            cmd.Parameters.AddWithValue("generation", generation);
            cmd.Parameters.AddWithValue("kind", row.Kind);
            cmd.Parameters.AddWithValue("id", row.Id);
            cmd.Parameters.AddWithValue("sort_key", row.SortKey);
            cmd.Parameters.AddWithValue("search", row.Search);
            cmd.Parameters.AddWithValue("data", row.Data);
            cmd.Parameters.AddWithValue("filters", row.Filters);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed record TestDocument(string Team, int N);
}
