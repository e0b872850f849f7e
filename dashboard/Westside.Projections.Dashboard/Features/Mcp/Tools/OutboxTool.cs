using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class OutboxTool
{
    public const string Name = "outbox";

    [McpServerTool(Name = Name, Title = "Welcome-email outbox health", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(OutboxView))]
    [Description("""
        Is the welcome-email pipeline (basketball-api's outbox) keeping up? health.headline is the verdict in one
        line and health.state is ok, warning or critical; latest holds pending and failed counts, the oldest
        pending age and latency percentiles; failed, retrying and oldestPending list rows to look at;
        crossChecks count the related data gaps. range: 24h (default) or 7d for the series.
        """)]
    public static async Task<CallToolResult> Outbox(
        OutboxQuery query, McpResults results,
        [Description("24h (default) or 7d")] string? range = null,
        CancellationToken ct = default)
    {
        var view = await query.ReadAsync(OutboxRange.Parse(McpArguments.OneOf("range", range, ["24h", "7d"])), ct);
        return results.Of(view, view.Failed.Count + view.Retrying.Count + view.OldestPending.Count, McpResults.Lines(
            view.Health?.Headline ?? "The projector has not sampled the outbox yet.",
            $"{view.Failed.Count} failed rows, {view.Retrying.Count} retrying, {view.OldestPending.Count} oldest pending listed."));
    }
}
