using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using Westside.Projections.Dashboard.Features.Mcp.Tools;

namespace Westside.Projections.Dashboard.Features.Mcp;

// The MCP server in the dashboard process, in two calls from Program.cs:
//   builder.AddMcpEndpoint();  // options, bearer auth + resource metadata, rate limit, the tools and the prompt
//   app.MapMcpEndpoint();      // after UseDashboardAuth: rate limiter, body cap, POST /mcp (bearer + admin role)
// Streamable HTTP, stateless: every request stands alone (no session to pin to a replica). The tools read
// the store's documents through the pages' own query classes; there is no source connection here either.
public static class McpEndpoint
{
    public static void AddMcpEndpoint(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<McpOptionsSetup>();
        services.AddSingleton<IConfigureOptions<McpOptions>>(sp => sp.GetRequiredService<McpOptionsSetup>());
        services.AddSingleton<IValidateOptions<McpOptions>>(sp => sp.GetRequiredService<McpOptionsSetup>());
        services.AddOptions<McpOptions>().ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration[McpOptions.ResourceUrlVariable]))
        {
            return; // no /mcp, no bearer scheme, no metadata document: nothing half-configured is served
        }

        services.AddHttpContextAccessor();
        services.AddSingleton<McpResults>();
        services.AddSingleton<McpArguments>();
        services.AddMcpAuth();
        services.AddMcpRateLimit();
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new() { Name = "westside-projections", Title = "Westside Basketball (read-only)", Version = "1.0.0" };
                o.ServerInstructions = "Read-only answers about Westside Basketball's players, contracts, jerseys, dues, " +
                    "tournaments, parent outreach, data gaps and the welcome-email outbox. Start with the today tool.";
            })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<TodayTool>()
            .WithTools<TriageTool>()
            .WithTools<CohortEmailsTool>()
            .WithTools<ClustersTool>()
            .WithTools<JerseysTool>()
            .WithTools<ContractsTool>()
            .WithTools<DuesTool>()
            .WithTools<TournamentsTool>()
            .WithTools<GapsTool>()
            .WithTools<OutboxTool>()
            .WithTools<FamilyTool>()
            .WithTools<ChangesTool>()
            .WithPrompts<ActionablesPrompt>()
            .WithRequestFilters(f => f.AddCallToolFilter(McpAudit.Filter));
    }

    public static void MapMcpEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<McpOptions>>().Value;
        if (!options.Enabled)
        {
            McpLog.Disabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpEndpoint)));
            return;
        }

        app.UseWhen(http => http.Request.Path.StartsWithSegments(McpOptions.Path), mcp => mcp.Use(CapBody(options.MaxRequestBytes)));
        app.UseRateLimiter();
        app.MapMcp(McpOptions.Path)
            .RequireAuthorization(McpAuth.Policy)
            .RequireRateLimiting(McpRateLimit.Policy);
    }

    // A declared length over the cap is refused at once; a chunked body is cut by Kestrel at the same cap.
    private static Func<HttpContext, RequestDelegate, Task> CapBody(long maxBytes) => (http, next) =>
    {
        if (http.Request.ContentLength > maxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        return next(http);
    };
}
