namespace Westside.Projections.Projector.Capture;

// Figures of one capture, for logs and benchmarks. SourceTime is the time spent waiting on source commands
// (BEGIN to COMMIT round trips); SourceHeld is how long the source snapshot stayed open. BytesFetched is
// the size of the DataRow payloads the source sent for the rows and ids read (computed from the values:
// Npgsql does not count bytes), not counting protocol framing of other messages. TablesByMarker counts the
// tables read through the change marker's index (TablesScanned includes them).
public sealed record CaptureStatistics(
    bool Resync,
    bool Reconciled,
    int TablesScanned,
    int TablesReadInFull,
    int TablesSkipped,
    int RowsFetched,
    long BytesFetched,
    int RowsChanged,
    int Removals,
    int Events,
    TimeSpan SourceTime,
    TimeSpan SourceHeld,
    TimeSpan Total,
    int TablesByMarker = 0);
