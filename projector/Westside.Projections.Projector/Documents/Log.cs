using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Documents;

// Story runtime log messages (33xx): counts, versions, projection names and exception types only.
internal static partial class Log
{
    [LoggerMessage(3301, LogLevel.Information, "Marten's async daemon started in HotCold mode: {Stories} stories in one shard, run while this process holds its lock")]
    public static partial void DaemonStarted(ILogger logger, int stories);

    [LoggerMessage(3303, LogLevel.Information, "Documents current with the log: Marten's daemon holds the first poll's events, {ElapsedMs} ms after the leader session started")]
    public static partial void DocumentsCurrent(ILogger logger, long elapsedMs);

    [LoggerMessage(3302, LogLevel.Warning, "Marten's async daemon did not stop cleanly ({Error})")]
    public static partial void DaemonStopFailed(ILogger logger, string error);

    [LoggerMessage(3305, LogLevel.Information, "Marten's async daemon stopping ({Reason}): its HotCold lock goes with it")]
    public static partial void DaemonStopping(ILogger logger, string reason);

    [LoggerMessage(3304, LogLevel.Information, "Every story reads its Marten table: the previous engine's documents table is dropped")]
    public static partial void LegacyDocumentsDropped(ILogger logger);

    [LoggerMessage(3306, LogLevel.Information, "Marten's daemon starts from the club this process folded to {Position} while it waited to lead")]
    public static partial void DaemonFromStandbyFold(ILogger logger, long position);
}
