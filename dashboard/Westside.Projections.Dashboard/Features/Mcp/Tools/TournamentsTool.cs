using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class TournamentsTool
{
    public const string Name = "tournaments";

    [McpServerTool(Name = Name, Title = "Tournament registrations", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(TournamentsView))]
    [Description("""
        Tournaments and their team registrations. tournaments lists them all; selected is the one asked for
        (tournament id; default: the latest), entries its registrations after the filters: status (registered or
        withdrawn), fee (paid or unpaid), age (10U..17U), q (team name), page.
        """)]
    public static async Task<CallToolResult> Tournaments(
        TournamentsQuery query, McpResults results,
        [Description("Tournament id (default: the latest)")] int? tournament = null,
        [Description("registered or withdrawn")] string? status = null,
        [Description("paid or unpaid")] string? fee = null,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("Part of a team's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new TournamentsFilter(tournament, McpArguments.OneOf("status", status, ["registered", "withdrawn"]),
            McpArguments.OneOf("fee", fee, ["paid", "unpaid"]), McpArguments.Age(age), McpArguments.Search(q), McpArguments.Page(page));
        var view = await query.ReadAsync(filter, ct);
        if (tournament is { } id && view.Tournaments.All(t => t.TournamentId != id))
        {
            throw new McpException($"Unknown tournament {id}. Known: {string.Join(", ", view.Tournaments.Select(t => t.TournamentId))}.");
        }

        McpArguments.PageInRange(page, view.PageCount);
        return results.Of(view, view.Entries.Count, McpResults.Lines(
            $"{view.Tournaments.Count} tournaments.",
            view.Selected is { } t ? $"{t.Name}: {view.Matching} registrations match; this page lists {view.Entries.Count}." : null,
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
