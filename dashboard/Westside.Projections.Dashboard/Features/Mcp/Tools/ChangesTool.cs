using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class ChangesTool
{
    public const string Name = "changes";

    [McpServerTool(Name = Name, Title = "What changed since a date", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ChangesView))]
    [Description("""
        What changed in the club since a date (inclusive, UTC days), from the event log: contracts sent, signed,
        declined, voided; payments and refunds; team moves; dues status changes; registrations; outbox rows
        processed or failed. total and countsByKind count every change; latestChanges lists the newest 50
        (truncated says when there were more); days gives the total per day. The log is kept by day for 92 days.
        """)]
    public static async Task<CallToolResult> Changes(
        ChangesQuery query, McpResults results,
        [Description("First day, as yyyy-MM-dd")] string since,
        CancellationToken ct = default)
    {
        var view = await query.ReadAsync(McpArguments.Date("since", since), ct);
        var kinds = view.CountsByKind.Take(8).Select(c => $"- {c.Kind}: {c.Count}");
        return results.Of(view, view.LatestChanges.Count, McpResults.Lines(
            $"{view.Total} changes since {view.From:yyyy-MM-dd}:", string.Join('\n', kinds),
            view.Truncated ? $"The {view.LatestChanges.Count} newest are listed; the totals count all." : null));
    }
}
