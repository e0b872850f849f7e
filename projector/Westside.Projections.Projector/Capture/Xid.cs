namespace Westside.Projections.Projector.Capture;

// Transaction ids. A row's xmin is 32 bits and wraps around; the snapshot functions speak 64-bit xid8
// (epoch << 32 | xid). Protocol facts relied on here:
// - 0, 1 and 2 are permanent ids (invalid, bootstrap, frozen): such a row is as old as the database.
// - Every xmin of a row visible in a snapshot precedes that snapshot's xmax, and PostgreSQL freezes (or
//   refuses to run) long before an unfrozen xmin is 2^31 transactions old, so the 64-bit value of a
//   visible xmin is the one in the 2^32 window just below the snapshot's xmax: the xmax's epoch, or the
//   epoch before when the 32-bit value is above the xmax's low 32 bits (the counter wrapped since).
public static class Xid
{
    public const uint FirstNormal = 3;

    public static bool IsPermanent(uint xid) => xid < FirstNormal;

    public static ulong ToXid8(uint xid, ulong snapshotXmax)
    {
        var epoch = snapshotXmax >> 32;
        var low = (uint)snapshotXmax;
        if (xid > low && epoch > 0)
        {
            epoch--;
        }

        return (epoch << 32) | xid;
    }
}
