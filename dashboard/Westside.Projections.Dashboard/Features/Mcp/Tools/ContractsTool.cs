using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp.Tools;

[McpServerToolType]
public sealed class ContractsTool
{
    public const string Name = "contracts";

    [McpServerTool(Name = Name, Title = "Contract audit", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ContractsView))]
    [Description("""
        The contract audit: contracts by status, version and month, with amounts; voided and re-sent ones stay
        visible. Filters: status (signed, sent, declined, voided), version (e.g. 2026-fall-v2), month (yyyy-MM, the
        month it was signed or sent), age (10U..17U), q (name), page. totals holds counts and amounts by version
        and by month; matching and matchingSignedCents count what the filter selects. Amounts are in cents.
        """)]
    public static async Task<CallToolResult> Contracts(
        ContractsQuery query, McpResults results,
        [Description("signed, sent, declined or voided")] string? status = null,
        [Description("Contract version, e.g. 2026-fall-v2")] string? version = null,
        [Description("Month as yyyy-MM")] string? month = null,
        [Description("Age group, 10U..17U")] string? age = null,
        [Description("Part of a player's or parent's name")] string? q = null,
        [Description("Page number, from 1")] int? page = null,
        CancellationToken ct = default)
    {
        var filter = new ContractsFilter(McpArguments.OneOf("status", status, ContractsFilter.Statuses),
            McpArguments.Search(version), McpArguments.Month(month), McpArguments.Age(age), McpArguments.Search(q), McpArguments.Page(page));
        var view = await query.ReadAsync(filter, ct);
        McpArguments.PageInRange(page, view.PageCount);
        return results.Of(view, view.Contracts.Count, McpResults.Lines(
            $"{view.Matching} contracts match; signed amount {Format.Money(view.MatchingSignedCents)}; this page lists {view.Contracts.Count}.",
            McpResults.Paging(view.Page, view.PageCount).Trim()));
    }
}
