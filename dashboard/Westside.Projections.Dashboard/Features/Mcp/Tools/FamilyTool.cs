using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class FamilyTool
{
    public const string Name = "family";
    public const string SearchName = "find_family";

    [McpServerTool(Name = Name, Title = "One family's card", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Westside.Projections.ReadModel.Projections.Families.FamilyDocument))]
    [Description("""
        Everything about one family on one card: the parent's contact, and for every kid the team, contract
        status, jersey, dues, tournaments and whether the welcome email went out; the emails logged for the
        family. parentId is the parent's id (from any other tool's results, or from find_family).
        """)]
    public static async Task<CallToolResult> Family(
        FamiliesQuery query, McpResults results,
        [Description("The parent's id")] int parentId,
        CancellationToken ct = default)
    {
        var family = await query.FamilyAsync(parentId, ct) ?? throw new McpException($"There is no family with parent id {parentId}.");
        return results.Of(family, 1, McpResults.Lines(
            $"Family of parent #{family.ParentId}: {family.KidCount} kids, {family.UnsignedCount} unsigned; " +
            $"{(family.Reachable ? "reachable" : "no email and no phone")}."));
    }

    [McpServerTool(Name = SearchName, Title = "Find a family by name", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FamilySearchView))]
    [Description("""
        Candidate families whose parent's or kids' names contain the text, 20 per page. Use it when the person
        names a family ("the Smiths", "Jordan's mom"); then call family with the chosen candidate's parentId.
        matching counts all candidates; pageCount says when the list is cut.
        """)]
    public static async Task<CallToolResult> FindFamily(
        FamiliesQuery query, McpResults results,
        [Description("Part of a parent's or kid's name (at least 2 characters)")] string name,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var text = McpArguments.Search(name);
        if (text is not { Length: >= 2 })
        {
            throw new McpException("name must have at least 2 characters.");
        }

        var view = await query.SearchAsync(text, McpArguments.Page(page) ?? 1, ct);
        McpArguments.PageInRange(page, view.PageCount);
        return results.Of(view, view.Candidates.Count, McpResults.Lines(
            $"{view.Matching} families match; this page lists {view.Candidates.Count}.",
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
