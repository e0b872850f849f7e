using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using KnownGaps = Westside.Projections.ReadModel.Projections.DataGaps.Gaps;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class GapsTool
{
    public const string Name = "gaps";

    [McpServerTool(Name = Name, Title = "Data gaps", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(GapsView))]
    [Description("""
        What is broken or missing in the club's data today, one kind of gap at a time: signed-without-outbox,
        outbox-without-email (welcome email never logged), outbox-failed, outbox-pending, team-without-groupme,
        player-without-team, parent-unreachable (neither email nor phone), signed-without-jersey. summary.counts
        gives every gap's count (call with no gap to get them and the first gap that has any); items lists the
        records of the chosen gap, oldest first; q narrows by name; pageCount says when the list is cut.
        """)]
    public static async Task<CallToolResult> Gaps(
        GapsQuery query, McpResults results,
        [Description("The gap's name (see the description); default: the first gap that has any")] string? gap = null,
        [Description("Part of a player's, parent's or team's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new GapsFilter(McpArguments.OneOf("gap", gap, KnownGaps.All.Select(g => g.Gap).ToList()),
            McpArguments.Search(q), McpArguments.Page(page));
        var view = await query.ReadAsync(filter, ct);
        McpArguments.PageInRange(page, view.PageCount);
        var counts = view.Summary?.Counts.Select(c => $"- {c.Gap}: {c.Count}") ?? [];
        return results.Of(view, view.Items.Count, McpResults.Lines(
            $"{view.Summary?.Total ?? 0} data gaps in all:", string.Join('\n', counts),
            $"{view.GapLabel}: {view.Matching} match; this page lists {view.Items.Count}.",
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
