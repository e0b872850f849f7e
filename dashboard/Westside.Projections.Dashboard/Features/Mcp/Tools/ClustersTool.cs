using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class ClustersTool
{
    public const string Name = "clusters";

    [McpServerTool(Name = Name, Title = "Parents with several unsigned kids", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ClustersView))]
    [Description("""
        Parents with two or more unsigned kids, largest first: one call to such a parent clears several contracts.
        Filters: age (10U..17U), q (part of a parent's or kid's name), page. matching counts the clusters that
        match; pageCount says when the list is cut.
        """)]
    public static async Task<CallToolResult> Clusters(
        ClustersQuery query, McpResults results,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("Part of a parent's or kid's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var view = await query.ReadAsync(new ClustersFilter(McpArguments.Age(age), McpArguments.Search(q), McpArguments.Page(page)), ct);
        McpArguments.PageInRange(page, view.PageCount);
        return results.Of(view, view.Clusters.Count, McpResults.Lines(
            $"{view.Matching} parents have two or more unsigned kids; this page lists {view.Clusters.Count}.",
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
