using Westside.Projections.Projector.Source;

namespace Westside.Projections.Projector.Capture;

internal enum ReadMode
{
    // Nothing finished in the source since the cursor's snapshot: the table cannot have changed.
    Skip,

    // Rows whose xmin is at or above the cursor's xmin and not among its seen ids (see TableCursor).
    Changed,

    // Every row: first capture of the table, a resync, or a cursor that cannot be trusted.
    All,

    // Rows whose change marker is at or above the cursor's xmin, through the marker's index (see TableCursor).
    Marker,
}

// How one table is read in this poll. Floor is the lowest id a changed row may carry (the cursor's Xmin, or
// its ScanFrom for an xmin scan); Horizon and SeenAges are Floor and Seen translated into age(xmin) terms.
internal sealed record TablePlan(
    SourceTable Table, int Index, TableCursor? Cursor, ReadMode Mode, int Horizon, int[] SeenAges, HashSet<ulong> Seen, ulong Floor = 0);

internal sealed record FetchedRow(long Key, ulong Xmin, object Row);
