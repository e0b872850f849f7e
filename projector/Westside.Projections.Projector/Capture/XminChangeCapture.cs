using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Projector.Source;

namespace Westside.Projections.Projector.Capture;

// Polling change capture on xmin, one REPEATABLE READ READ ONLY source snapshot per poll:
// 1. take the snapshot; per table, read only the rows whose xmin the table's cursor has not seen
//    (TableCursor explains the watermark and why it does not trust pg_visible_in_snapshot), or nothing
//    when no source transaction finished since the cursor's snapshot;
// 2. fetch their images from source_rows, diff, classify (ImageDiff, ChangeClassifier); an identical row is no event;
// 3. periodically compare the id fingerprints of source and images, and only when they differ compare
//    the id lists: ids gone from the source become removal events;
// 4. run the samplers in the same snapshot; write images and cursors through the caller's store transaction.
// Work per poll grows with the number of changed rows, except the sequential scan of each table's xmin.
// Where basketball-api applied the optional change marker (SourceContract.Marker), step 1 reads a table
// through the marker's index instead (ReadMode.Marker; TableCursor argues why that misses nothing), so
// the poll's cost no longer grows with the table. The first capture of a process and every reconciling
// capture still scan xmin, as a safety net for writes made while the trigger did not fire, and probe the
// marker in their own snapshot (ChangeMarkerProbe): the mode is decided there, per table.
// Not thread-safe: one poll loop owns an instance.
public sealed class XminChangeCapture : IChangeCapture
{
    private readonly NpgsqlDataSource _source;
    private readonly IReadOnlyList<ISnapshotSampler> _samplers;
    private readonly ChangeCaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<XminChangeCapture> _logger;
    private long? _lastReconciledAt;
    private int _pollsSinceReconcile;
    private bool? _sharedCluster;
    private IReadOnlyDictionary<string, ChangeMarkerProbe.TableMarker> _markers =
        new Dictionary<string, ChangeMarkerProbe.TableMarker>(StringComparer.Ordinal);

    public XminChangeCapture(
        NpgsqlDataSource source,
        IEnumerable<ISnapshotSampler> samplers,
        IOptions<ChangeCaptureOptions> options,
        TimeProvider time,
        ILogger<XminChangeCapture> logger)
    {
        _source = source;
        _samplers = samplers.ToList();
        _options = options.Value;
        _options.Validate();
        _time = time;
        _logger = logger;
    }

    // Figures of the last completed capture or resync.
    public CaptureStatistics? LastCapture { get; private set; }

    public Task<CaptureBatch> CaptureAsync(NpgsqlConnection store, NpgsqlTransaction storeTransaction, CancellationToken ct) =>
        RunAsync(store, storeTransaction, resync: false, ct);

    public Task<CaptureBatch> ResyncAsync(NpgsqlConnection store, NpgsqlTransaction storeTransaction, CancellationToken ct) =>
        RunAsync(store, storeTransaction, resync: true, ct);

    private async Task<CaptureBatch> RunAsync(NpgsqlConnection store, NpgsqlTransaction storeTx, bool resync, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var tables = SourceContract.Tables;
        var cursors = await ImageStore.LoadCursorsAsync(store, storeTx, tables.Select(t => t.Name).ToList(), ct);
        var poll = cursors.Values.Select(c => c.Poll).DefaultIfEmpty(0).Max() + 1;
        var reconcile = resync || ReconcileDue();
        var counters = new CaptureSource.Counters();
        var sourceTime = new Stopwatch();

        await using var source = await _source.OpenConnectionAsync(ct);
        _sharedCluster ??= await ClusterIdentity.SharedAsync(source, store, storeTx, ct);
        var heldFrom = _time.GetTimestamp();
        await using var sourceTx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        sourceTime.Start();
        var snapshot = await CaptureSource.TakeSnapshotAsync(source, sourceTx, ct);
        if (reconcile)
        {
            UseMarkers(await ChangeMarkerProbe.InspectAsync(source, sourceTx, ct));
        }

        sourceTime.Stop();
        var works = tables
            .Select((t, i) => new TableWork(Plan(t, i, cursors.GetValueOrDefault(t.Name), snapshot, resync, reconcile)))
            .ToList();

        sourceTime.Start();
        try
        {
            await CaptureSource.ReadAsync(source, sourceTx, snapshot, works, reconcile, counters, ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.InsufficientPrivilege
                                          && works.Any(w => w.Plan.Mode == ReadMode.Marker))
        {
            // The marker went away (column dropped, grant revoked) since it was probed: make the next capture
            // a reconciling one, which probes again and scans xmin, instead of failing until the next one is due.
            _lastReconciledAt = null;
            throw;
        }

        sourceTime.Stop();
        await ImageStore.LookupAsync(store, storeTx, works, ct);
        foreach (var work in works)
        {
            ImageDiff.Diff(work);
        }

        if (reconcile)
        {
            await ReconcileAsync(source, sourceTx, store, storeTx, snapshot, works, counters, sourceTime, ct);
        }

        foreach (var sampler in _samplers)
        {
            await sampler.SampleAsync(source, store, storeTx, snapshot.At, ct);
        }

        sourceTime.Start();
        await sourceTx.CommitAsync(ct);
        sourceTime.Stop();
        var held = _time.GetElapsedTime(heldFrom);

        var storeXid = _sharedCluster == true ? await ClusterIdentity.TransactionIdAsync(store, storeTx, ct) : null;
        var written = works
            .Select(w => (w, TableCursor.After(
                snapshot.Snapshot, w.Plan.Cursor, w.Rows.Select(r => r.Xmin), w.Fingerprint, poll, _options.MaxSeenXidsPerTable,
                storeXid, MarkerUsable(w.Plan.Table), Scanned(w.Plan))))
            .ToList();
        await ImageStore.WriteAsync(store, storeTx, written, poll, ct);

        var events = ImageDiff.Assemble(works);
        RecordReconcile(reconcile);
        LastCapture = new CaptureStatistics(
            resync, reconcile,
            TablesScanned: works.Count(w => w.Plan.Mode != ReadMode.Skip),
            TablesReadInFull: works.Count(w => w.Plan.Mode == ReadMode.All),
            TablesSkipped: works.Count(w => w.Plan.Mode == ReadMode.Skip),
            counters.Rows, counters.Bytes,
            RowsChanged: works.Sum(w => w.Changes.Count),
            Removals: works.Sum(w => w.Removed.Count),
            events.Count, sourceTime.Elapsed, held, _time.GetElapsedTime(started),
            TablesByMarker: works.Count(w => w.Plan.Mode == ReadMode.Marker));
        LogCapture(works, LastCapture);
        return new CaptureBatch(snapshot.At, events);
    }

    private TablePlan Plan(SourceTable table, int index, TableCursor? cursor, SourceSnapshot snapshot, bool resync, bool reconcile)
    {
        TablePlan All(string reason)
        {
            if (!resync)
            {
                Log.ReadingInFull(_logger, table.Name, reason);
            }

            return new TablePlan(table, index, cursor, ReadMode.All, 0, [], []);
        }

        if (resync)
        {
            return All("resync");
        }

        if (cursor is null)
        {
            return All("first capture of the table");
        }

        if (cursor.Xmin > snapshot.Snapshot.Xmax)
        {
            Log.CursorAhead(_logger, table.Name);
            return All("cursor ahead of the source");
        }

        // Reconciling captures scan xmin even where the marker is usable: the safety net (TableCursor).
        var byMarker = !reconcile && cursor.Marker && MarkerUsable(table);

        // Skip needs "nothing finished since the cursor's snapshot"; an xmin scan that must reach back before
        // that snapshot (ScanXmin set: marker polls ran since the last scan) is never skipped.
        ulong[] ours = _sharedCluster == true && cursor.StoreXid is { } xid ? [xid] : [];
        if ((byMarker || cursor.ScanXmin is null) && snapshot.Snapshot.SeesNothingNewSince(cursor.ParsedSnapshot, ours))
        {
            return new TablePlan(table, index, cursor, ReadMode.Skip, 0, [], []);
        }

        if (byMarker)
        {
            var seenHere = cursor.Seen.Where(x => x >= cursor.Xmin).ToHashSet();
            return new TablePlan(table, index, cursor, ReadMode.Marker, 0, [], seenHere, cursor.Xmin);
        }

        // age() is a 32-bit signed count: a cursor 2^31 transactions back cannot be expressed (nor trusted).
        var floor = cursor.ScanFrom;
        var horizon = snapshot.StableXid - floor;
        if (horizon >= int.MaxValue)
        {
            return All("cursor more than 2^31 transactions old");
        }

        IEnumerable<ulong> usable = cursor.ScanXmin is null ? cursor.Seen : [];
        var seen = usable.Where(x => x >= floor && x < snapshot.StableXid).ToHashSet();
        var seenAges = seen.Select(x => (int)(snapshot.StableXid - x)).Order().ToArray();
        return new TablePlan(table, index, cursor, ReadMode.Changed, (int)horizon, seenAges, seen, floor);
    }

    private bool MarkerUsable(SourceTable table) => _markers.TryGetValue(table.Name, out var m) && m.Usable;

    // Whether this capture read the table by xmin or in full (or skipped it with nothing to miss), so that
    // the next xmin scan may start at this capture's snapshot.
    private static bool Scanned(TablePlan plan) => plan.Mode switch
    {
        ReadMode.Changed or ReadMode.All => true,
        ReadMode.Skip => plan.Cursor?.ScanXmin is null,
        _ => false,
    };

    private void UseMarkers(IReadOnlyDictionary<string, ChangeMarkerProbe.TableMarker> found)
    {
        foreach (var (table, marker) in found)
        {
            if (!_markers.TryGetValue(table, out var before) || before.Usable != marker.Usable)
            {
                Log.CaptureMode(_logger, table, marker.Usable ? "change marker" : "xmin scan", marker.Problem.ToString());
            }
        }

        _markers = found;
    }

    // Fingerprints first (read with the rows); id lists only for the tables whose fingerprints differ.
    private async Task ReconcileAsync(
        NpgsqlConnection source, NpgsqlTransaction sourceTx, NpgsqlConnection store, NpgsqlTransaction storeTx,
        SourceSnapshot snapshot, List<TableWork> works, CaptureSource.Counters counters, Stopwatch sourceTime, CancellationToken ct)
    {
        var differing = works.Where(w => w.SourceFingerprint is { } f && f != w.Fingerprint).ToList();
        if (differing.Count == 0)
        {
            return;
        }

        sourceTime.Start();
        var sourceKeys = await CaptureSource.ReadKeysAsync(source, sourceTx, differing, counters, ct);
        sourceTime.Stop();
        var imageKeys = await ImageStore.KeysAsync(store, storeTx, differing, ct);
        var missing = new List<(TableWork Work, long[] Keys)>();
        foreach (var work in differing)
        {
            var inSource = sourceKeys[work];
            work.Removed.AddRange(imageKeys[work].Where(k => !inSource.Contains(k)));
            var lacking = inSource.Where(k => !imageKeys[work].Contains(k) && !work.NewKeys.Contains(k)).ToArray();
            if (lacking.Length > 0)
            {
                missing.Add((work, lacking));
            }

            work.Fingerprint = IdFingerprint.Of(inSource);
            Log.Reconciled(_logger, work.Plan.Table.Name, work.Removed.Count, lacking.Length);
        }

        if (missing.Count > 0)
        {
            // Rows the images lack (an image lost, or a cursor reset): fetch and diff them as new rows.
            var before = missing.ToDictionary(m => m.Work, m => m.Work.Rows.Count);
            sourceTime.Start();
            await CaptureSource.ReadByKeyAsync(source, sourceTx, snapshot, missing, counters, ct);
            sourceTime.Stop();
            foreach (var (work, _) in missing)
            {
                var fingerprint = work.Fingerprint;
                ImageDiff.DiffRows(work, work.Rows.Skip(before[work]).ToList());
                work.Fingerprint = fingerprint;
            }
        }
    }

    private bool ReconcileDue() =>
        _lastReconciledAt is not { } last
        || _pollsSinceReconcile + 1 >= _options.ReconcileEveryPolls
        || _time.GetElapsedTime(last) >= _options.ReconcileInterval;

    private void RecordReconcile(bool reconciled)
    {
        if (reconciled)
        {
            _lastReconciledAt = _time.GetTimestamp();
            _pollsSinceReconcile = 0;
        }
        else
        {
            _pollsSinceReconcile++;
        }
    }

    private void LogCapture(List<TableWork> works, CaptureStatistics stats)
    {
        foreach (var work in works.Where(w => w.Filtered > 0))
        {
            Log.FilteredLate(_logger, work.Plan.Table.Name, work.Filtered);
        }

        if (stats.Resync)
        {
            Log.Resynced(_logger, stats.RowsFetched, stats.RowsChanged, stats.Removals, stats.Events, stats.Total.TotalMilliseconds);
        }
        else
        {
            Log.Captured(_logger, stats.TablesScanned, stats.TablesReadInFull, stats.TablesByMarker, stats.TablesSkipped, stats.RowsFetched,
                stats.BytesFetched, stats.RowsChanged, stats.Removals, stats.Events, stats.SourceTime.TotalMilliseconds,
                stats.Total.TotalMilliseconds);
        }
    }
}
