using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class CohortEmailsTool
{
    public const string Name = "cohort_emails";

    [McpServerTool(Name = Name, Title = "Email list for a blast", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(CohortList))]
    [Description("""
        The parents' email addresses for one message to a group (a BCC blast), and the parents in that group who
        have no email (so nobody is dropped: they need a call or a text). cohort is the kind of group: unsigned,
        sent-not-signed, declined, jersey-unpaid, dues-past-due, or a tournament cohort; scope narrows it: all
        (default), age:12U, team:{id}, team:none. playerCount and parentCount count the group. Read-only: it
        sends nothing.
        """)]
    public static async Task<CallToolResult> CohortEmails(
        CohortsQuery query, McpResults results,
        [Description("unsigned, sent-not-signed, declined, jersey-unpaid, dues-past-due, or a tournament cohort")] string cohort,
        [Description("all (default), age:12U, team:{id} or team:none")] string? scope = null,
        CancellationToken ct = default)
    {
        var filter = new CohortsFilter(cohort, scope);
        var choices = await query.CohortsAsync(ct);
        if (choices.All(c => c.Value != filter.CohortName))
        {
            throw new McpException($"Unknown cohort. Use one of: {string.Join(", ", choices.Select(c => c.Value))}.");
        }

        var list = await query.ListAsync(filter.CohortName, filter.ScopeId, ct)
            ?? throw new McpException($"Nobody is in cohort {filter.CohortName} for scope {filter.ScopeId} (or the scope does not exist).");
        return results.Of(list, list.Emails.Count + list.ParentsWithoutEmail.Count, McpResults.Lines(
            $"{list.CohortLabel}, {list.ScopeLabel}: {list.PlayerCount} players, {list.ParentCount} parents.",
            $"{list.Emails.Count} email addresses; {list.ParentsWithoutEmail.Count} parents have no email."));
    }
}
