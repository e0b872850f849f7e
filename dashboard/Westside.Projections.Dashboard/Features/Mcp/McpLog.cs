namespace Westside.Projections.Dashboard.Features.Mcp;

// Ids, names of tools and arguments, counts and durations only: never an argument's value (it may be a
// family's name) and never a result.
internal static partial class McpLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "MCP tool {Tool} called by subject {Subject} with arguments [{Arguments}]: {Outcome}, {Count} results in {ElapsedMs} ms")]
    public static partial void ToolCalled(ILogger logger, string tool, string subject, string arguments, string outcome, int count, long elapsedMs);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "MCP access denied to subject {Subject}: the required role is missing")]
    public static partial void Denied(ILogger logger, string subject);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "MCP rate limit reached by subject {Subject}")]
    public static partial void RateLimited(ILogger logger, string subject);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "MCP endpoint disabled: MCP_RESOURCE_URL is not set")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "MCP tool {Tool}: the audit entry could not be written ({ExceptionType})")]
    public static partial void AuditFailed(ILogger logger, string tool, string exceptionType);
}
