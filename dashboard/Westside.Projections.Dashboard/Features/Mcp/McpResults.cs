using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Westside.Projections.Dashboard.Features.Mcp;

// A tool's answer: the page's view as structured content, serialised exactly as /api/... serialises it (the
// same JSON options), so a tool and its page can never disagree; plus a few lines a person can read. The
// number of results goes to the audit entry (McpAudit), through the request.
// Views read through the ViewCache are shared, immutable objects, one per data version: their JSON is kept
// beside them (weakly, so it goes when the view does) and a cached view is serialised once, not per call.
public sealed class McpResults(IOptions<JsonOptions> json, IHttpContextAccessor http)
{
    public const string CountItem = "westside.mcp.count";

    private readonly ConditionalWeakTable<object, StrongBox<JsonElement>> serialized = [];

    public CallToolResult Of<T>(T view, int count, string text)
    {
        if (http.HttpContext is { } context)
        {
            context.Items[CountItem] = count;
        }

        return new CallToolResult
        {
            StructuredContent = Serialize(view),
            Content = [new TextContentBlock { Text = text }],
        };
    }

    private JsonElement Serialize<T>(T view)
    {
        if (view is null)
        {
            return JsonSerializer.SerializeToElement(view, json.Value.SerializerOptions);
        }

        return serialized.GetValue(
            view,
            v => new StrongBox<JsonElement>(JsonSerializer.SerializeToElement((T)v, json.Value.SerializerOptions))).Value;
    }

    // "page 2 of 5: ask for page 3 for more" when a result is cut.
    public static string Paging(int page, int pageCount) =>
        pageCount > 1
            ? page < pageCount
                ? $" This is page {page} of {pageCount}; the result is cut: ask for page {page + 1} for more."
                : $" This is the last page ({page} of {pageCount})."
            : "";

    public static string Lines(params string?[] lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines.Where(l => !string.IsNullOrEmpty(l)))
        {
            text.AppendLine(line);
        }

        return text.ToString().TrimEnd();
    }
}
