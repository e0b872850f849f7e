using System.Globalization;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using MartenProjection = Marten.Events.Projections.IProjection;

namespace Westside.Projections.Projector.Documents;

// Stories as one Marten projection run by the async daemon: one shard, one ClubState folded once for
// all its stories. The stories' logic stays pure (state + event -> state, then render the documents an
// event touched); this adapter keeps the state in step with the daemon's batches and turns the rendered
// documents into Marten document operations (IStoryWriter).
//
// The daemon hands over batches in log order, each after the last one it committed. The state follows:
// - a batch that starts at or before the state's position (a rebuild, or a shard restarted at an older
//   checkpoint by another node) starts the state over from an empty club;
// - a batch that starts past the state's position (the shard's first batch in this process, whose
//   checkpoint is past 0) first folds the log up to it, read from the store like the engine's start-up.
//
// Far behind the log head (a rebuild, a first start on a long log: more than deferBehind events to go),
// a batch folds and only remembers what it touched; the documents are rendered once the shard is near
// the head, each once, instead of once per batch. A StoryShardMark stored with those batches says so: a
// process that dies while deferring leaves it, and the next one renders every document once.
//
// insertFirstBuild: when the shard starts from the beginning of the log (a first start, or a rebuild,
// which empties the tables first), its first write inserts every document instead of upserting it, and
// leaves the mark to the next write (so that the batch holds inserts only, which Marten can COPY in a
// rebuild); a process that dies in between renders everything once more at its start.
//
// checkpoints: every batch that writes documents also sets its stories' checkpoint in the projections
// table, in the same transaction (what /projections, /healthz and `projector status` show).
public sealed class StoryShard(
    string name, IReadOnlyList<IStoryWriter> writers, NpgsqlDataSource log, long deferBehind = StoryShard.DefaultDeferBehind,
    bool insertFirstBuild = false, bool checkpoints = false)
    : MartenProjection
{
    public const long DefaultDeferBehind = 20_000;

    private readonly IReadOnlyList<IProjection> _stories = writers.Select(w => w.Story).ToList();
    private readonly string[] _names = writers.Select(w => w.Story.Name).ToArray();
    private readonly Dictionary<IProjection, HashSet<string>> _deferred = writers.ToDictionary(w => w.Story, _ => new HashSet<string>(StringComparer.Ordinal));
    private ClubState _state = new();
    private bool _deferring;
    private bool _renderAll;
    private bool _firstBuild;

    public string Name => name;

    // Before the daemon starts: the state at the shard's position, so that the first events after a start
    // are in the documents at once (instead of after folding the whole log), and what a process holds is
    // what it will hold. A rebuild hands over the state it folded to the position it switched at; otherwise
    // the log is folded up to the shard's position, on from what the process folded while it stood by
    // (earlier) when the shard has not gone back since. Not to be called while the daemon runs the shard.
    public async Task WarmUpAsync(ClubState? folded, CancellationToken ct, StandbyFold? earlier = null)
    {
        if (_state.LastSequence > 0)
        {
            return;
        }

        if (folded is not null)
        {
            _state = folded;
            return;
        }

        await using var conn = await log.OpenConnectionAsync(ct);
        if (await StoryProgression.ReadAsync(conn, null, name, ct) is not { } position || position == 0)
        {
            return;
        }

        // Did the last process die deferring? Then the first batch renders every document.
        await using (var mark = new NpgsqlCommand("select exists (select 1 from mt_doc_story_shard_mark where id = @name)", conn))
        {
            mark.Parameters.AddWithValue("name", name);
            _renderAll = _deferring = (bool)(await mark.ExecuteScalarAsync(ct))!;
        }

        var from = 0L;
        if (earlier is not null && earlier.Position <= position)
        {
            _state = earlier.State;
            from = earlier.Position;
        }

        await StateLoader.FoldAsync(conn, _state, from, position, null, ct);
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var recorded = events.Where(e => e.Data is IDomainEvent).Select(ToRecorded).ToList();
        if (recorded.Count == 0)
        {
            return;
        }

        await CatchUpAsync(operations, recorded[0].Sequence, cancellation);
        foreach (var (story, ids) in ProjectionBatch.Apply(_state, _stories, recorded))
        {
            _deferred[story].UnionWith(ids);
        }

        var position = recorded[^1].Sequence;
        if (await HeadAsync(cancellation) - position > deferBehind)
        {
            if (!_deferring)
            {
                operations.Store(new StoryShardMark { Id = name, DeferringSince = recorded[0].Sequence });
                _deferring = true;
            }

            return;
        }

        var insert = insertFirstBuild && _firstBuild && !_renderAll;
        foreach (var writer in writers)
        {
            var ids = _renderAll ? await writer.AllIdsAsync(operations, _state, cancellation) : _deferred[writer.Story];
            writer.Write(operations, _state, ids, position, insert);
            _deferred[writer.Story].Clear();
        }

        _firstBuild = false;
        if (checkpoints)
        {
            operations.QueueSqlCommand(
                "update projections set checkpoint = ?, updated_at = now() where name = any(?)", position, _names);
        }

        if (insert)
        {
            // The mark stays until the next write: a delete here would make Marten write this batch row by row.
            _renderAll = false;
        }
        else if (_deferring || _renderAll)
        {
            operations.Delete<StoryShardMark>(name);
            _deferring = _renderAll = false;
        }
    }

    private async Task CatchUpAsync(IDocumentOperations operations, long firstInBatch, CancellationToken ct)
    {
        if (firstInBatch <= _state.LastSequence)
        {
            _state = new ClubState();
            _renderAll = false;
            foreach (var ids in _deferred.Values)
            {
                ids.Clear();
            }
        }

        if (firstInBatch - 1 > _state.LastSequence)
        {
            if (_state.LastSequence == 0)
            {
                // The first batch of this process past the start: did the last one die deferring?
                _renderAll = await operations.LoadAsync<StoryShardMark>(name, ct) is not null;
                _deferring = _renderAll;
            }

            await using var conn = await log.OpenConnectionAsync(ct);
            await StateLoader.FoldAsync(conn, _state, _state.LastSequence, firstInBatch - 1, null, ct);
        }

        // Nothing of the log before this batch: the shard starts from the beginning (until its first write).
        if (_state.LastSequence == 0)
        {
            _firstBuild = true;
        }
    }

    private async Task<long> HeadAsync(CancellationToken ct)
    {
        await using var conn = await log.OpenConnectionAsync(ct);
        return await EventLogReader.HeadAsync(conn, null, ct);
    }

    private static RecordedEvent ToRecorded(IEvent e)
    {
        var (table, key) = EventStreams.Parse(e.StreamKey!);
        return new RecordedEvent(e.Sequence, table, key, SnapshotAt(e), e.Timestamp, (IDomainEvent)e.Data);
    }

    // The header as the appender wrote it (round-trip text); Marten may hand it back as text, as a JSON
    // string or already as a date.
    private static DateTimeOffset SnapshotAt(IEvent e) => e.GetHeader(EventStreams.SnapshotHeader) switch
    {
        null => e.Timestamp,
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc)),
        JsonElement { ValueKind: JsonValueKind.String } text => EventStreams.ParseSnapshotAt(text.GetString()!),
        var other => EventStreams.ParseSnapshotAt(Convert.ToString(other, CultureInfo.InvariantCulture)!),
    };
}
