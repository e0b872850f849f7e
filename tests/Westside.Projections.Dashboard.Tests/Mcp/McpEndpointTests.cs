using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Westside.Projections.Dashboard.Tests.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Mcp;

// /mcp driven by the C# SDK's MCP client over real HTTP, through the full OAuth flow against the local
// provider, and by raw HTTP for what a client should never get.
public sealed class McpEndpointTests(McpStack stack) : IClassFixture<McpStack>
{
    private static readonly string[] ToolNames =
    [
        "changes", "clusters", "cohort_emails", "contracts", "dues", "family", "find_family", "gaps", "jerseys", "outbox",
        "today", "tournaments", "triage",
    ];

    [Fact]
    public async Task AnonymousGets401PointingAtTheResourceMetadataThatNamesTheRealm()
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(Initialize());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        // RFC 9728: the well-known path, then the resource's path.
        var metadataUrl = new Uri(stack.Root, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;
        Assert.True(challenge.Parameter!.Contains($"resource_metadata=\"{metadataUrl}\"", StringComparison.Ordinal), challenge.Parameter);

        var metadata = JsonNode.Parse(await http.GetStringAsync(metadataUrl))!;
        Assert.Equal(stack.McpResource, (string?)metadata["resource"]);
        Assert.Equal(stack.Provider.Issuer, (string?)metadata["authorization_servers"]![0]);
        Assert.Contains("mcp:tools", metadata["scopes_supported"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task MarcusSignsInThroughTheAssistantAndEveryToolAnswersLikeTheJsonApi()
    {
        await using var marcus = await McpConnector.ConnectAsync(stack.McpUrl, "marcus");
        Assert.Equal(1, marcus.LoginFormsShown);
        Assert.NotNull(marcus.Tokens?.ClientId); // registered dynamically

        var tools = await marcus.Client.ListToolsAsync();
        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            Assert.True(tool.Annotations?.ReadOnlyHint, tool.Name);
            Assert.False(tool.Annotations?.DestructiveHint, tool.Name);
            Assert.False(tool.Annotations?.OpenWorldHint, tool.Name);
            Assert.NotNull(tool.OutputSchema);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
        }

        var data = stack.Data;
        var team = data.Players.First(p => p.TeamId is not null).TeamId!.Value;
        var parent = data.Parents[0];
        var name = parent.LastName[..Math.Min(4, parent.LastName.Length)];
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cases = new (string Tool, Dictionary<string, object?> Arguments, string Api)[]
        {
            ("today", new(), "/api/today"),
            ("triage", new(), "/api/triage"),
            ("triage", new() { ["status"] = "sent", ["age"] = "12U" }, "/api/triage?status=sent&age=12U"),
            ("triage", new() { ["team"] = team.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/api/triage?team={team}"),
            ("cohort_emails", new() { ["cohort"] = "unsigned" }, "/api/cohorts/unsigned?scope=all"),
            ("clusters", new(), "/api/clusters"),
            ("jerseys", new() { ["status"] = "unpaid" }, "/api/jerseys?status=unpaid"),
            ("contracts", new() { ["status"] = "signed" }, "/api/contracts?status=signed"),
            ("dues", new(), "/api/dues"),
            ("dues", new() { ["view"] = "teams" }, "/api/dues?view=teams"),
            ("tournaments", new(), "/api/tournaments"),
            ("gaps", new(), "/api/gaps"),
            ("outbox", new(), "/api/outbox"),
            ("family", new() { ["parentId"] = parent.Id }, $"/api/families/{parent.Id}"),
            ("find_family", new() { ["name"] = name }, $"/api/families?q={Uri.EscapeDataString(name)}"),
            ("changes", new() { ["since"] = today }, $"/api/changes?since={today}"),
        };
        using var api = new HttpClient { BaseAddress = stack.Root };
        api.DefaultRequestHeaders.Add("Cookie", TestSession.AdminCookie(stack.Dashboard.Services));
        foreach (var (tool, arguments, path) in cases)
        {
            var result = await marcus.Client.CallToolAsync(tool, arguments);
            Assert.False(result.IsError is true, $"{tool}: {Text(result)}");
            Assert.False(string.IsNullOrWhiteSpace(Text(result)), tool);
            var expected = Comparable(JsonNode.Parse(await api.GetStringAsync(path)));
            var actual = Comparable(JsonSerializer.SerializeToNode(result.StructuredContent));
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{tool} {path}:\nexpected {expected}\nactual   {actual}");
        }

        var prompt = await marcus.Client.GetPromptAsync("actionables_today");
        var message = Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content);
        Assert.Contains("What are my data gaps and actionables today?", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsAreToolErrorsThatSayWhatIsWrong()
    {
        await using var marcus = await McpConnector.ConnectAsync(stack.McpUrl, "marcus");
        var cases = new (string Tool, Dictionary<string, object?> Arguments, string Says)[]
        {
            ("triage", new() { ["team"] = "987654" }, "Unknown team"),
            ("triage", new() { ["age"] = "9U" }, "Unknown age group"),
            ("triage", new() { ["status"] = "lost" }, "Unknown status"),
            ("triage", new() { ["page"] = 0 }, "page must be"),
            ("triage", new() { ["page"] = 500 }, "past the last page"),
            ("changes", new() { ["since"] = "yesterday" }, "yyyy-MM-dd"),
            ("contracts", new() { ["month"] = "October" }, "yyyy-MM"),
            ("cohort_emails", new() { ["cohort"] = "everyone" }, "Unknown cohort"),
            ("family", new() { ["parentId"] = 987654 }, "no family"),
            ("tournaments", new() { ["tournament"] = 987654 }, "Unknown tournament"),
            ("find_family", new() { ["name"] = "x" }, "at least 2"),
        };
        foreach (var (tool, arguments, says) in cases)
        {
            var result = await marcus.Client.CallToolAsync(tool, arguments);
            Assert.True(result.IsError, $"{tool} should fail");
            Assert.Contains(says, Text(result), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CoachGetsATokenButNoAccess()
    {
        var (coach, failure) = await McpConnector.RefusedAsync(stack.McpUrl, "coach");
        await using var _ = coach;
        Assert.NotNull(coach.Tokens?.AccessToken);
        Assert.Contains("403", failure.ToString(), StringComparison.Ordinal);

        using var response = await Send(Initialize(), coach.Tokens!.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TokensForAnotherAudienceOrExpiredOrWithoutTheRoleAreRefused()
    {
        using (var valid = await Send(Initialize(), stack.SignToken()))
        {
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode); // the control: the same signing, nothing wrong
        }

        using (var otherAudience = await Send(Initialize(), stack.SignToken(audience: "http://127.0.0.1:1/mcp")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
            Assert.Contains("resource_metadata=", otherAudience.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var dashboardAudience = await Send(Initialize(), stack.SignToken(audience: OidcProvider.ClientId)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, dashboardAudience.StatusCode);
        }

        using (var expired = await Send(Initialize(), stack.SignToken(expires: DateTimeOffset.UtcNow.AddMinutes(-5))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }

        using (var otherIssuer = await Send(Initialize(), stack.SignToken(issuer: "http://127.0.0.1:1/realms/westside-basketball")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, otherIssuer.StatusCode);
        }

        using var noRole = await Send(Initialize(), stack.SignToken(roles: ["coach"]));
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieNeverOpensMcpAndATokenNeverOpensAPage()
    {
        // A real sign-in to the dashboard: the browser's session cookie works for pages...
        using var browser = new HttpBrowser();
        var page = await browser.SignInAsync(new Uri(stack.Root, "/"), "marcus", "demo");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GoAsync(new Uri(stack.Root, "/api/today"))).Status);

        // ...and not for /mcp.
        using (var withCookie = await browser.Http.SendAsync(Initialize()))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        }

        // marcus's real token from the assistant's flow opens /mcp and nothing else.
        await using var marcus = await McpConnector.ConnectAsync(stack.McpUrl, "marcus");
        var token = marcus.Tokens!.AccessToken;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var path in new[] { "/", "/api/today", "/api/triage", "/projections" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Root, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryToolCallIsAuditedWithArgumentNamesButNoValues()
    {
        await using var marcus = await McpConnector.ConnectAsync(stack.McpUrl, "marcus");
        var parent = stack.Data.Parents[1];
        await marcus.Client.CallToolAsync("find_family", new Dictionary<string, object?> { ["name"] = parent.LastName });
        await marcus.Client.CallToolAsync("triage", new Dictionary<string, object?> { ["age"] = "9U" });

        var rows = await stack.StoreScalarAsync<string>($"""
            select coalesce(json_agg(json_build_object('actor', actor, 'detail', detail) order by id)::text, '[]')
            from audit_log where action = 'mcp.tool' and actor = '{OidcProvider.MarcusSubject}'
            """);
        var entries = JsonNode.Parse(rows)!.AsArray();
        var search = entries.Last(e => (string?)e!["detail"]!["tool"] == "find_family")!["detail"]!;
        Assert.Equal("name", (string?)search["arguments"]);
        Assert.Equal("ok", (string?)search["outcome"]);
        Assert.True(int.Parse((string)search["results"]!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.DoesNotContain(parent.LastName, rows, StringComparison.OrdinalIgnoreCase);
        var bad = entries.Last(e => (string?)e!["detail"]!["tool"] == "triage")!["detail"]!;
        Assert.Equal("error", (string?)bad["outcome"]);
        Assert.Equal("age", (string?)bad["arguments"]);
        Assert.DoesNotContain(parent.LastName, string.Join('\n', stack.Log.Lines), StringComparison.OrdinalIgnoreCase);

        using var api = new HttpClient { BaseAddress = stack.Root };
        api.DefaultRequestHeaders.Add("Cookie", TestSession.AdminCookie(stack.Dashboard.Services));
        var projections = await api.GetStringAsync("/projections");
        Assert.Contains("mcp.tool", projections, StringComparison.Ordinal);
        Assert.Contains("tool: find_family", projections, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedRequestIsRefusedBeforeItIsRead()
    {
        var request = Initialize();
        request.Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"pad\":\"" + new string('x', 100_000) + "\"}",
            Encoding.UTF8, "application/json");
        using var response = await Send(request, stack.SignToken());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private HttpRequestMessage Initialize()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, stack.McpUrl)
        {
            Content = new StringContent("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                 "clientInfo":{"name":"raw","version":"1"}}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    private static async Task<HttpResponseMessage> Send(HttpRequestMessage request, string token)
    {
        using var http = new HttpClient();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    // The clock moves between two reads: "now" and what is computed from it are not the data.
    private static JsonNode? Comparable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("now");
                if (obj.ContainsKey("range"))
                {
                    obj.Remove("from"); // the outbox view's window start: now minus the range
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Comparable(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Comparable(child);
                }

                break;
        }

        return node;
    }
}
