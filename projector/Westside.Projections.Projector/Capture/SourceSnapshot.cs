namespace Westside.Projections.Projector.Capture;

// The poll's source snapshot. StableXid is the value age(xid) counts from for the rest of the transaction
// (PostgreSQL's GetStableLatestTransactionId: the next xid when the transaction first asked, fixed from
// then on), so `age(xmin) <= StableXid - x` selects rows whose xmin is at or above x with plain 32-bit
// integer arithmetic, wraparound included, in a sequential scan. At is statement_timestamp() of the
// statement that took the snapshot: every commit acknowledged before it is in the snapshot.
public sealed record SourceSnapshot(PgSnapshot Snapshot, ulong StableXid, DateTimeOffset At);
