using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Features.Mcp;

// A fixed window per token subject (the bearer user is known: the limiter runs after authorization).
// Over the limit: 429 with Retry-After in seconds.
public static class McpRateLimit
{
    public const string Policy = "mcp-subject";

    public static void AddMcpRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<McpOptions>>((o, mcp) =>
        {
            var permits = mcp.Value.RateLimitPerMinute;
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.SubjectId(),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpRateLimit));
                McpLog.RateLimited(logger, context.HttpContext.User.SubjectId());
                return ValueTask.CompletedTask;
            };
        });
    }
}
