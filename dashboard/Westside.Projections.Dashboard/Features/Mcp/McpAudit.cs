using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Features.Mcp;

// Every tool call goes to the audit log (shown on /projections) and the log: the token's subject, the tool,
// the NAMES of the arguments given (never their values: a name search is a family's name), the number of
// results, the outcome and the duration.
public static class McpAudit
{
    public const string Action = "mcp.tool";

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = "error";
            try
            {
                var result = await next(request, ct);
                outcome = result.IsError is true ? "error" : "ok";
                return result;
            }
            finally
            {
                await WriteAsync(request, outcome, Stopwatch.GetElapsedTime(started), ct);
            }
        };

    private static async Task WriteAsync(RequestContext<CallToolRequestParams> request, string outcome, TimeSpan elapsed, CancellationToken ct)
    {
        var services = request.Services!;
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var user = http?.User ?? new System.Security.Claims.ClaimsPrincipal();
        var tool = Clip(request.Params?.Name ?? "?");
        var names = string.Join(',', (request.Params?.Arguments?.Keys ?? []).Select(Clip).Order(StringComparer.Ordinal));
        var count = http?.Items[McpResults.CountItem] is int n ? n : 0;
        var ms = (long)elapsed.TotalMilliseconds;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpAudit));
        McpLog.ToolCalled(logger, tool, user.SubjectId(), names, outcome, count, ms);
        try
        {
            await services.GetRequiredService<AuditLog>().WriteAsync(user, Action, new Dictionary<string, string>
            {
                ["tool"] = tool,
                ["arguments"] = names,
                ["results"] = count.ToString(CultureInfo.InvariantCulture),
                ["outcome"] = outcome,
                ["ms"] = ms.ToString(CultureInfo.InvariantCulture),
            }, ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            McpLog.AuditFailed(logger, tool, e.GetType().Name);
            throw;
        }
    }

    // Tool and argument names are the client's text: keep them short and plain for the log.
    private static string Clip(string name)
    {
        var plain = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(40).ToArray());
        return plain.Length == 0 ? "?" : plain;
    }
}
