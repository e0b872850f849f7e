using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class JerseysTool
{
    public const string Name = "jerseys";

    [McpServerTool(Name = Name, Title = "Jersey payments", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(JerseysView))]
    [Description("""
        Who has and has not paid for a jersey, per team, cash included (with who took the cash), refunds netted.
        Filters: status (paid or unpaid), team (id or "none"), age (10U..17U), q (name), page. summary holds the
        club totals (paid, unpaid, amounts by method); groups one screen of teams; pageCount says when it is cut.
        Amounts are in cents.
        """)]
    public static async Task<CallToolResult> Jerseys(
        JerseysQuery query, McpResults results, McpArguments arguments,
        [Description("paid or unpaid")] string? status = null,
        [Description("Team id, or \"none\" for players without a team")] string? team = null,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("Part of a player's, parent's or team's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new JerseysFilter(await arguments.TeamAsync(team, ct), McpArguments.Age(age),
            McpArguments.OneOf("status", status, ["paid", "unpaid"]), McpArguments.Search(q), McpArguments.Page(page));
        var view = await query.ReadAsync(filter, ct);
        McpArguments.PageInRange(page, view.PageCount);
        return results.Of(view, view.MatchingPlayers, McpResults.Lines(
            view.Summary is { } s ? $"Club: {s.UnpaidCount} jerseys not paid." : "No jersey data yet.",
            $"This answer lists {view.MatchingPlayers} players in {view.Groups.Count} team groups.",
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
