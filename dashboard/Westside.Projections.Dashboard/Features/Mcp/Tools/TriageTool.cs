using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class TriageTool
{
    public const string Name = "triage";

    [McpServerTool(Name = Name, Title = "Unsigned players by team", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(TriageView))]
    [Description("""
        Every player whose contract is not signed, grouped by team (most unsigned first), with the parent to chase
        and how to reach them. Use it for "who is unsigned?", "who do I chase on team X?". Filters like the triage
        page: team (a team id from an earlier result, or "none" for players without a team), age (10U..17U),
        status (sent = contract sent, not signed; declined; none = never sent), q (part of a player's, parent's or
        team's name), page. summary holds the club-wide counts; groups one screen of teams; pageCount says when
        the list is cut (ask for the next page).
        """)]
    public static async Task<CallToolResult> Triage(
        TriageQuery query, ViewCache views, McpResults results, McpArguments arguments,
        [Description("Team id, or \"none\" for players without a team")] string? team = null,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("sent, declined or none")] string? status = null,
        [Description("Part of a player's, parent's or team's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new TriageFilter(await arguments.TeamAsync(team, ct), McpArguments.Age(age),
            McpArguments.OneOf("status", status, TriageFilter.Statuses), McpArguments.Search(q), McpArguments.Page(page));
        var view = await views.ReadAsync(filter, c => query.ReadAsync(filter, c), ct);
        McpArguments.PageInRange(page, view.PageCount);
        var top = view.Groups.Take(5).Select(g => $"- {g.Title}: {g.UnsignedCount} unsigned ({g.SentCount} sent, {g.DeclinedCount} declined, {g.NoneCount} never sent)");
        return results.Of(view, view.MatchingPlayers, McpResults.Lines(
            $"{view.Summary?.UnsignedCount ?? 0} unsigned players club-wide; this answer lists {view.MatchingPlayers} players in {view.Groups.Count} team groups.",
            string.Join('\n', top),
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
