using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class DuesTool
{
    public const string Name = "dues";

    [McpServerTool(Name = Name, Title = "Monthly dues", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DuesView))]
    [Description("""
        Monthly subscriptions (dues). view past-due (default): the players whose dues are past due, oldest first,
        with the parent to chase; view teams: per team counts of active, past due, canceled and no subscription.
        Filters: team (id or "none", teams view), age (10U..17U), status (past_due, active, canceled, none),
        q (name), page. summary holds the club totals (pastDuePlayers, pastDueCents in cents).
        """)]
    public static async Task<CallToolResult> Dues(
        DuesQuery query, McpResults results, McpArguments arguments,
        [Description("past-due (default) or teams")] string? view = null,
        [Description("Team id, or \"none\" (teams view)")] string? team = null,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("past_due, active, canceled or none")] string? status = null,
        [Description("Part of a player's or parent's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new DuesFilter(McpArguments.OneOf("view", view, ["past-due", "teams"]), await arguments.TeamAsync(team, ct),
            McpArguments.Age(age), McpArguments.OneOf("status", status, DuesFilter.Statuses), McpArguments.Search(q), McpArguments.Page(page));
        var answer = await query.ReadAsync(filter, ct);
        McpArguments.PageInRange(page, answer.PageCount);
        var count = filter.Teams ? answer.Groups.Sum(g => g.Players.Count) : answer.PastDue.Count;
        return results.Of(answer, count, McpResults.Lines(
            answer.Summary is { } s ? $"Club: {s.PastDuePlayers} players past due, {Format.Money(s.PastDueCents)}." : "No dues data yet.",
            filter.Teams ? $"This page lists {answer.Groups.Count} teams." : $"{answer.PastDueMatching} past-due players match; this page lists {answer.PastDue.Count}.",
            McpResults.Paging(answer.Page, answer.PageCount).Trim()));
    }
}
