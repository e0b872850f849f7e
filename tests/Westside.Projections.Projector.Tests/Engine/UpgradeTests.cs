using Npgsql;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// A store built by the previous engine (its own `events` table numbered through `log_head`, documents,
// capture images) is carried over on the first start of the new one: the log lands in Marten's event
// store with the same numbers and the original timestamps (the timeline keeps its history), the old
// tables go, and the documents rebuilt from the imported log equal those of a fresh run.
[Collection(EngineCollection.Name)]
public sealed class UpgradeTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    // An upgrade imports and rebuilds the whole log: its waits allow 60 s, checked every 100 ms.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    private const string LiveDocuments = """
        select d.projection, d.kind, d.id, d.sort_key, d.search, d.data::text
        from live_documents d
        order by 1, 3
        """;

    private const string MartenLog = """
        select seq_id, stream_id, type, data::text, timestamp, headers->>'source_snapshot_at' from mt_events
        where type <> 'tombstone' order by seq_id
        """;

    [Fact]
    public async Task A_store_of_the_previous_engine_keeps_its_log_numbers_and_timestamps_and_rebuilds_equal_documents()
    {
        await db.SourceExecAsync("""
            insert into teams (id, name, season, age_group, gender) select g, 'Team ' || g, '2026-spring', '14U', 'boys' from generate_series(1, 4) g;
            insert into parents (id, first_name, last_name) select g, 'Parent', 'Family ' || g from generate_series(1, 40) g;
            insert into players (id, parent_id, team_id, first_name, last_name, birth_year, contract_status)
                select g, 1 + g % 40, case when g % 6 = 0 then null else 1 + g % 4 end, 'Kid', 'U' || g, 2013, (array['none','sent','signed'])[1 + g % 3]
                from generate_series(1, 150) g;
            """);

        // The fresh run: the new engine on a store of its own, with a few polls' worth of history.
        var fresh = await db.Server.CreateEmptyDatabaseAsync("upgrade-fresh");
        var freshStore = db.Server.ConnectionString(fresh);
        await using (var source = NpgsqlDataSource.Create(freshStore))
        {
            await StoreMigrator.MigrateAsync(source, default);
        }

        var freshProbe = new StoreProbe(freshStore);
        await using (var engine = EngineRun.Start(db, ProjectionCatalog.All, TimeSpan.FromMilliseconds(100), freshStore))
        {
            Assert.Empty(await freshProbe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(30)));
            await db.SourceExecAsync("update players set team_id = 2, contract_status = 'signed' where id % 5 = 0");
            Assert.Empty(await freshProbe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(30)));
            await db.SourceExecAsync("update parents set phone = '555-0100' where id % 3 = 0");
            Assert.Empty(await freshProbe.WaitUntilMirrorsAsync(db.SourceAdmin, TimeSpan.FromSeconds(30)));
            await Eventually.HoldsAsync(async () => (await freshProbe.StatusAsync()) is var s && s.Projections.All(p => p.Checkpoint == s.LogHead), Patience, Every);
        }

        var expectedLog = await freshProbe.RowsAsync(MartenLog);
        var expectedDocuments = await freshProbe.RowsAsync(LiveDocuments);
        Assert.True(expectedLog.Count > 200, $"{expectedLog.Count} events");

        // The old store: the same store as the previous engine kept it (its log in `events`, numbered by
        // `log_head`, no Marten), with its documents gone so that every projection is rebuilt from the import.
        NpgsqlConnection.ClearAllPools();
        var old = fresh + "_old";
        await db.Server.AdminExecAsync($"create database {old} template {fresh}");
        var oldStore = db.Server.ConnectionString(old);
        await ExecAsync(oldStore, PreviousEngineLog);
        var oldProbe = new StoreProbe(oldStore);
        Assert.Equal(expectedLog.Count, await oldProbe.ScalarAsync<long>("select count(*) from events"));

        await using (var engine = EngineRun.Start(db, ProjectionCatalog.All, TimeSpan.FromMilliseconds(100), oldStore))
        {
            await Eventually.HoldsAsync(async () => await oldProbe.ScalarAsync<bool>("select to_regclass('events') is null")
                && (await oldProbe.StatusAsync()) is var s && s.Projections.Count == ProjectionCatalog.All.Count
                && s.Projections.All(p => p.Checkpoint == s.LogHead && !p.IsRebuilding), Patience, Every);
            Assert.Contains(engine.Logs.Lines, l => l.EventId == 3201 && l.Message.Contains($"{expectedLog.Count} events", StringComparison.Ordinal));
            await Eventually.HoldsAsync(async () => await oldProbe.ScalarAsync<bool>("select to_regclass('documents') is null"), Patience, Every);
            Assert.Contains(engine.Logs.Lines, l => l.EventId == 3304);
        }

        Assert.Equal(expectedLog, await oldProbe.RowsAsync(MartenLog));
        Assert.False(await oldProbe.ScalarAsync<bool>("select to_regclass('log_head') is not null"));
        Assert.Equal(expectedDocuments, await oldProbe.RowsAsync(LiveDocuments));

        NpgsqlConnection.ClearAllPools();
        await db.Server.DropDatabaseAsync(old);
        await db.Server.DropDatabaseAsync(fresh);
    }

    // The previous engine's tables (as its migrations made them), filled from Marten's log, then every
    // trace of Marten removed (with the view over Marten's tables); its documents table and view as
    // migrations 0001-0009 made them, empty, and projection rows dropped to force rebuilds.
    private const string PreviousEngineLog = """
        create table events (
            seq bigint primary key, type text not null, source_table text not null, source_key text not null,
            data jsonb not null, source_snapshot_at timestamptz not null, recorded_at timestamptz not null default now());
        create table log_head (id integer primary key default 1 check (id = 1), seq bigint not null);
        insert into events
            select seq_id, type, split_part(stream_id, ':', 1), substr(stream_id, strpos(stream_id, ':') + 1), data,
                   (headers->>'source_snapshot_at')::timestamptz, timestamp
            from mt_events where type <> 'tombstone';
        insert into log_head (id, seq) select 1, coalesce(max(seq), 0) from events;
        do $$
        declare r record;
        begin
            for r in select tablename from pg_tables where schemaname = 'public' and tablename like 'mt\_%' loop
                execute format('drop table %I cascade', r.tablename);
            end loop;
            for r in select sequencename from pg_sequences where schemaname = 'public' and sequencename like 'mt\_%' loop
                execute format('drop sequence %I cascade', r.sequencename);
            end loop;
            for r in select p.oid::regprocedure as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                     where n.nspname = 'public' and p.proname like 'mt\_%' loop
                execute format('drop function %s cascade', r.sig);
            end loop;
        end $$;
        create table documents (
            projection text not null, generation integer not null, kind text not null, id text not null,
            sort_key text not null default '', search text not null default '', data jsonb not null,
            updated_seq bigint not null, filters jsonb not null default '{}'::jsonb,
            primary key (projection, generation, id));
        create view live_documents as
            select d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data, d.updated_seq, d.filters
            from documents d join projections p on p.name = d.projection and d.generation = p.live_generation;
        delete from projections;
        """;

    private static async Task ExecAsync(string store, string sql)
    {
        await using var conn = new NpgsqlConnection(store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
