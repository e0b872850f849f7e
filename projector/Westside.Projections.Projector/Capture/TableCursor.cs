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
    ulong? StoreXid = null)
{
    public IdFingerprint Fingerprint => new(Count, IdHashSum);

    public PgSnapshot ParsedSnapshot => PgSnapshot.Parse(Snapshot);

    // The cursor after capturing the table in `snapshot`, having read rows with the given xmins there.
    // Seen keeps only ids that can still matter (>= the new xmin) and at most `maxSeen` of them, the newest.
    public static TableCursor After(
        PgSnapshot snapshot, TableCursor? previous, IEnumerable<ulong> xminsRead, IdFingerprint fingerprint, long poll, int maxSeen,
        ulong? storeXid = null)
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
        return new TableCursor(snapshot.ToString(), snapshot.Xmin, seen, fingerprint.Count, fingerprint.HashSum, poll, storeXid);
    }
}
