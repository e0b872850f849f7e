using Microsoft.Extensions.Logging;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// Counts, ages and durations only: outbox errors and payloads never reach the logs.
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug,
        Message = "Outbox sample written: {EventTypes} event types, {Pending} pending, {Failed} failed")]
    public static partial void SampleWritten(ILogger logger, int eventTypes, int pending, int failed);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Outbox health worsened from {Previous} to {Current}: {Pending} pending, oldest {OldestSeconds:0} s, {Failed} failed")]
    public static partial void HealthWorsened(
        ILogger logger, OutboxHealthState previous, OutboxHealthState current, int pending, double oldestSeconds, int failed);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information,
        Message = "Outbox health improved from {Previous} to {Current}: {Pending} pending, oldest {OldestSeconds:0} s, {Failed} failed")]
    public static partial void HealthImproved(
        ILogger logger, OutboxHealthState previous, OutboxHealthState current, int pending, double oldestSeconds, int failed);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information,
        Message = "Outbox samples maintained: {RawFolded} raw samples folded into {PointsWritten} 5-minute points, {PointsExpired} expired points deleted")]
    public static partial void Maintained(ILogger logger, int rawFolded, int pointsWritten, int pointsExpired);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information,
        Message = "Outbox latency ledger loaded: {Rows} rows processed in the last day, read in {ElapsedMs} ms")]
    public static partial void LedgerRebuilt(ILogger logger, int rows, long elapsedMs);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information,
        Message = "Outbox history reconstructed from row timestamps: {Instants} instants, {Points} points; left out: {ProcessedWithoutValidTime} processed rows without a valid processed_at, {Failed} failed rows; in {ElapsedMs} ms")]
    public static partial void HistoryReconstructed(ILogger logger, int instants, int points, int processedWithoutValidTime, int failed, long elapsedMs);
}
