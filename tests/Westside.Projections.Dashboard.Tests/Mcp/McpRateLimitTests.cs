using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Westside.Projections.Dashboard.Tests.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Mcp;

// The limit is per token subject: a second dashboard on the same store and realm, allowing 3 requests a
// minute. One subject's 4th request gets 429 with Retry-After; another subject is not held up by it.
public sealed class McpRateLimitTests(McpStack stack) : IClassFixture<McpStack>
{
    [Fact]
    public async Task TheFourthRequestOfASubjectInAMinuteGets429WithRetryAfter()
    {
        var port = OidcProvider.FreePort();
        var resource = OidcProvider.McpResource(port);
        var settings = stack.Settings.ToDictionary();
        settings["MCP_RESOURCE_URL"] = resource;
        settings["MCP_RATE_LIMIT_PER_MINUTE"] = "3";
        await using var dashboard = new DashboardServer(port, settings, stack.Log).Start();
        using var http = new HttpClient();

        var marcus = stack.SignToken(audience: resource);
        var other = stack.SignToken(audience: resource, subject: "11111111-2222-4333-8444-555555555555");
        for (var i = 0; i < 3; i++)
        {
            using var ok = await http.SendAsync(Ping(resource, marcus));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await http.SendAsync(Ping(resource, marcus));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        using var someoneElse = await http.SendAsync(Ping(resource, other));
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    private static HttpRequestMessage Ping(string resource, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, resource)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
