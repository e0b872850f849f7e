namespace Westside.Projections.Dashboard.Features.Mcp;

// The MCP endpoint's settings, read from the environment by McpOptionsSetup and validated at start-up.
// Without MCP_RESOURCE_URL the dashboard serves no /mcp at all (nothing half-configured is exposed).
public sealed class McpOptions
{
    public const string ResourceUrlVariable = "MCP_RESOURCE_URL";
    public const string RateLimitVariable = "MCP_RATE_LIMIT_PER_MINUTE";
    public const string MaxRequestBytesVariable = "MCP_MAX_REQUEST_BYTES";
    public const string Path = "/mcp";

    // This server's resource identifier as clients reach it (RFC 8707/9728), e.g.
    // https://westside-projections.tail5b443a.ts.net/mcp: tokens must carry it as their audience.
    public string? ResourceUrl { get; set; }

    public bool Enabled => ResourceUrl is not null;

    // Requests (tool calls, lists, the handshake) one token subject may make per minute.
    public int RateLimitPerMinute { get; set; } = 120;

    // A JSON-RPC request to /mcp is small: a tool name and a few arguments.
    public long MaxRequestBytes { get; set; } = 16 * 1024;

    public List<string> Problems { get; } = [];
}
