namespace Westside.Projections.Dashboard.Infrastructure;

// Ids, counts and durations only: never a name, an email or a phone number.
public static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Read store unavailable while serving {Path} (trace {TraceId}): {ExceptionType}")]
    public static partial void StoreUnavailable(ILogger logger, string path, string traceId, string exceptionType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Unhandled error while serving {Path} (trace {TraceId})")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string path, string traceId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Bad request to {Path} (trace {TraceId})")]
    public static partial void BadRequest(ILogger logger, string path, string traceId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Rebuild of {Projection} requested by subject {Subject}: request {RequestId}")]
    public static partial void RebuildRequested(ILogger logger, string projection, string subject, long requestId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Rejected a {Method} to {Path}: missing or invalid antiforgery token")]
    public static partial void AntiforgeryRejected(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Lost the read store ({ExceptionType}); pages show a store outage until it is back")]
    public static partial void StoreLost(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "The read store is reachable again")]
    public static partial void StoreBack(ILogger logger);
}
