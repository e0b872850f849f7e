using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Engine;

// Reads a store the way the tests judge it: the log, its fold, the documents, the bookkeeping.
public sealed class StoreProbe(string store)
{
    private readonly ClubState _state = new();

    public string ConnectionString => store;

    public async Task<IReadOnlyList<RecordedEvent>> EventsAsync()
    {
        await using var conn = await OpenAsync();
        return await StateLoader.ReadAsync(conn, 0, long.MaxValue, default);
    }

    // Folds the events appended since the last call into a state kept across calls.
    public async Task<ClubState> FoldAsync()
    {
        await using var conn = await OpenAsync();
        var head = await EventLogReader.HeadAsync(conn, null, default);
        await StateLoader.FoldAsync(conn, _state, _state.LastSequence, head, null, default);
        return _state;
    }

    // Waits until the folded log holds exactly the source's rows and Marten's daemon has projected the
    // log into the documents; returns the differences left at the timeout (or how far the documents are
    // behind).
    public async Task<List<string>> WaitUntilMirrorsAsync(string sourceAdmin, TimeSpan timeout)
    {
        var expected = await SourceMirror.ReadAsync(sourceAdmin);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var differences = SourceMirror.Differences(expected, SourceMirror.Of(await FoldAsync()));
            if (differences.Count == 0 && await DocumentsBehindAsync() is { } behind)
            {
                differences.Add(behind);
            }

            if (differences.Count == 0 || DateTime.UtcNow > until)
            {
                return differences;
            }

            await Task.Delay(100);
        }
    }

    // Null when the stories' shard has projected the whole log (or no story is on Marten's tables).
    public async Task<string?> DocumentsBehindAsync()
    {
        await using var conn = await OpenAsync();
        var head = await EventLogReader.HeadAsync(conn, null, default);
        await using var stories = new NpgsqlCommand("select exists (select 1 from projections where story_version is not null)", conn);
        var position = await StoryProgression.ReadAsync(conn, null, StoryDocuments.AllStories, default)
            ?? ((bool)(await stories.ExecuteScalarAsync())! ? 0 : head);
        return position < head ? $"documents at {position}, log head {head}" : null;
    }

    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join(" | ", values.Select(v => v is DBNull ? "null" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<StoreStatus> StatusAsync()
    {
        await using var source = NpgsqlDataSource.Create(store);
        return await new DocumentReader(source).StatusAsync(default);
    }

    // Everything that must be identical between two runs over the same source changes.
    public async Task<Dictionary<string, List<string>>> DurableContentAsync() => new()
    {
        // The log in order. Marten's sequence may skip the numbers of an append that a kill rolled back,
        // so events are compared by their position in the log (and checkpoints by the position they
        // point after), not by their sequence numbers.
        ["events"] = await RowsAsync("""
            select row_number() over (order by seq_id), type, stream_id, data::text from mt_events
            where type <> 'tombstone' order by seq_id
            """),
        // seen_seq is the capture's poll counter, which depends on how often each process polled.
        ["source_rows"] = await RowsAsync("select source_table, source_key, data::text from source_rows order by 1, 2"),
        // Two processes read the source at different moments, so what carries the snapshot time differs by
        // design: the timeline's entries (compared by day, order and totals instead) and updated_seq, the
        // log position a document was rendered at, which follows each process's batch boundaries.
        ["documents"] = await RowsAsync("""
            select projection, generation, kind, id, sort_key, search, data::text from live_documents
            where projection <> 'timeline' order by 1, 2, 4
            """),
        ["timeline"] = await RowsAsync("""
            select generation, kind, id, sort_key, data->>'total' from live_documents
            where projection = 'timeline' order by 1, 3
            """),
        ["projections"] = await RowsAsync("""
            select name, live_generation,
                   (select count(*) from mt_events e where e.seq_id <= p.checkpoint and e.type <> 'tombstone'), status
            from projections p order by 1
            """),
        ["log_head"] = await RowsAsync("select count(*) from mt_events where type <> 'tombstone'"),
    };

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(store);
        await conn.OpenAsync();
        return conn;
    }
}
