using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Capture;

// Ids, counts and durations only: source rows are about minors and never reach a log.
internal static partial class Log
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug,
        Message = "Captured: {Scanned} tables scanned ({Full} in full, {ByMarker} by change marker), {Skipped} skipped, {Rows} rows / {Bytes} bytes fetched, {Changed} changed, {Removed} removed, {Events} events; source {SourceMs:F1} ms, total {TotalMs:F1} ms")]
    public static partial void Captured(
        ILogger logger, int scanned, int full, int byMarker, int skipped, int rows, long bytes, int changed, int removed, int events,
        double sourceMs, double totalMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "Resync from source: {Rows} rows read, {Changed} differed from the images, {Removed} removed, {Events} events in {TotalMs:F0} ms")]
    public static partial void Resynced(ILogger logger, int rows, int changed, int removed, int events, double totalMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Reconciliation of {Table}: {Removed} deleted source rows, {Missing} rows without an image")]
    public static partial void Reconciled(ILogger logger, string table, int removed, int missing);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Cursor of {Table} is ahead of the source's transaction counter (source restored or replaced?): reading the table in full")]
    public static partial void CursorAhead(ILogger logger, string table);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
        Message = "Reading {Table} in full: {Reason}")]
    public static partial void ReadingInFull(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning,
        Message = "{Count} rows of {Table} passed the source filter but not the cursor check (ancient frozen xmin?): ignored")]
    public static partial void FilteredLate(ILogger logger, string table, int count);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information,
        Message = "Capture of {Table}: {Mode} ({Detail})")]
    public static partial void CaptureMode(ILogger logger, string table, string mode, string detail);
}
