namespace Westside.Projections.Projector.Capture;

// Where the capture of one source table stands, kept in the store's source_state (as jsonb) and written
// in the same store transaction as the row images.
//
// The watermark: every row whose xmin is below Xmin was committed before the snapshot the table was last
// captured at, so its current version is already in source_rows. Rows with an xmin at or above Xmin may be
// new, EXCEPT the ids listed in Seen: ids known committed at that snapshot because rows carrying them were
// read in it (any subset of those is sound; the list only saves refetching). Ids in [Xmin, snapshot xmax)
// that are not in Seen are treated as not yet seen, even when the snapshot's xip list says they had
// finished: that list omits subtransactions, and a row written in a savepoint by a transaction that was
// open at the last poll carries such an id (pg_visible_in_snapshot() would call it visible, and the row
// would be missed forever). Seen is sound because only ids of rows read in the snapshot enter it, and a
// row is visible only once its xmin committed. (One theoretical exception: a frozen tuple keeps its raw
// xmin, so in a cluster past its first 2^32 transactions an ancient xmin can alias a current id; it would
// have to alias a subtransaction still running at that very poll. Not guarded.)
//
// The change marker (SourceContract.Marker; optional): Marker says this cursor was written by a capture
// that knew the marker usable (ChangeMarkerProbe saw column, grant and enabled trigger in the capture's
// own snapshot, or in an earlier one of the same process). From such a cursor the next poll may read
// `change_xid >= Xmin` through the index instead of scanning xmin, because every row version visible now
// but not at the cursor's snapshot S carries a marker >= S.xmin:
// - it was written by a top-level transaction T not committed at S, so T is in S's xip or at or above
//   S's xmax, or gets its id later: in every case T >= S.xmin (the oldest id still running at S);
// - T wrote after the migration committed: ADD COLUMN and CREATE TRIGGER take an ACCESS EXCLUSIVE lock, so
//   a writer that held the table before the migration committed before it, hence before S (the migration
//   was visible at S or earlier) and its rows were visible at S; a writer after it sees the trigger;
// - the trigger stores pg_current_xact_id(), T's own 64-bit top-level id, also inside a savepoint, so
//   neither subtransactions nor wraparound blur the comparison. Seen still applies (on xmin): a row
//   carrying a Seen id was read when that id's transaction was already committed, whichever the mode.
// Rows written before the migration keep a NULL marker: they committed before it, so before the snapshot of
// the first capture that knew the marker usable, and that capture (an xmin scan or a full read) read them.
// The exception is a write made while the trigger does not fire (disabled, session_replication_role =
// replica): its row keeps an old or NULL marker. The xmin scan catches it, and because marker polls move
// Xmin on, that scan starts from ScanXmin: the xmin of the snapshot of the last xmin scan (or full read)
// of the table. ScanXmin is null only when the last capture of the table scanned it (or skipped it with
// nothing to miss); after a marker poll it is set even when it equals Xmin (another transaction can pin
// the cluster's xmin across polls), because it also means "rows written before this snapshot may be
// unread", so such a scan is never skipped. The capture runs the scan on the first poll of a process and
// on every id reconciliation, so such a write stays unseen at most until the next reconciliation. The scan
// from ScanXmin ignores Seen: ids read by marker polls do not prove that every row carrying them was read
// (a trigger-less row may share the id), which is what the xmin rule needs.
//
// Fingerprint is the IdFingerprint of the keys of this table's images in source_rows; Poll numbers the
// capture that wrote this cursor (source_rows.seen_seq carries the same number). StoreXid is the id of
// the store transaction that wrote the cursor, recorded only when the store lives in the source's cluster,
// so the next poll can tell "nothing happened but our own commit" (PgSnapshot.SeesNothingNewSince).
public sealed record TableCursor(
    string Snapshot,
    ulong Xmin,
    IReadOnlyList<ulong> Seen,
    long Count,
    long IdHashSum,
    long Poll,
    ulong? StoreXid = null,
    bool Marker = false,
    ulong? ScanXmin = null)
{
    public IdFingerprint Fingerprint => new(Count, IdHashSum);

    public PgSnapshot ParsedSnapshot => PgSnapshot.Parse(Snapshot);

    // Where the next xmin scan of the table starts (see above).
    public ulong ScanFrom => ScanXmin ?? Xmin;

    // The cursor after capturing the table in `snapshot`, having read rows with the given xmins there.
    // Seen keeps only ids that can still matter (>= the new xmin) and at most `maxSeen` of them, the newest.
    // `marker`: the capture knew the change marker usable. `scanned`: this capture read the table by xmin
    // (or in full), so the next xmin scan may start at this snapshot; otherwise it keeps the previous start.
    public static TableCursor After(
        PgSnapshot snapshot, TableCursor? previous, IEnumerable<ulong> xminsRead, IdFingerprint fingerprint, long poll, int maxSeen,
        ulong? storeXid = null, bool marker = false, bool scanned = true)
    {
        var running = snapshot.Xip.ToHashSet();
        var seen = (previous?.Seen ?? [])
            .Concat(xminsRead)
            .Where(x => x >= snapshot.Xmin && x < snapshot.Xmax && !running.Contains(x))
            .Distinct()
            .OrderDescending()
            .Take(maxSeen)
            .Order()
            .ToArray();
        var scanXmin = scanned || previous is null ? (ulong?)null : previous.ScanFrom;
        return new TableCursor(
            snapshot.ToString(), snapshot.Xmin, seen, fingerprint.Count, fingerprint.HashSum, poll, storeXid, marker, scanXmin);
    }
}
