using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class TodayTool
{
    public const string Name = "today";

    [McpServerTool(Name = Name, Title = "Today's actionables and data gaps", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(TodayView))]
    [Description("""
        The head coach's Today screen in one call: what needs doing today and what data is broken. Use it first
        for "what are my data gaps and actionables today?" or any "what should I chase?" question.
        Returns actionables (key, label, count, tone: bad/attention/good): unsigned players (contract not signed),
        parents with 2+ unsigned kids (clusters), jerseys not paid, dues past due (players, with the amount),
        data gaps (total of broken or missing records), and outbox (welcome emails not sent, with the pipeline's
        verdict); the club's signing progress and the teams furthest behind; and what changed since yesterday
        (counts by kind and the latest entries). Counts are club-wide. For the people behind a count, call the
        tool named in the actionable's key: triage, clusters, jerseys, dues, gaps or outbox.
        """)]
    public static async Task<CallToolResult> Today(TodayQuery query, ViewCache views, McpResults results, CancellationToken ct)
    {
        // Read once per data version, like the Today page's HTML (ViewCache).
        var view = await views.ReadAsync(Name, query.ReadAsync, ct);
        var lines = view.Actionables.Select(a => $"- {a.Label}: {a.Count}{(a.Detail is null ? "" : $" ({a.Detail})")}");
        var signed = view.Club is { } club ? $"Club progress: see club (teams furthest behind: {string.Join(", ", view.Teams.Take(3).Select(t => t.TeamName ?? "no team"))})." : null;
        return results.Of(view, view.Actionables.Count, McpResults.Lines(
            "Today's actionables:", string.Join('\n', lines), signed,
            $"Changes since {view.Since:yyyy-MM-dd}: {view.ChangeTotal}."));
    }
}
