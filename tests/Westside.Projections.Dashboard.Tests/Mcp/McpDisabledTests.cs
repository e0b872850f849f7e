using System.Net;
using System.Text;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Mcp;

// Without MCP_RESOURCE_URL there is no /mcp and no metadata document, even for a signed-in admin.
public sealed class McpDisabledTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task WithoutAResourceUrlThereIsNoMcpEndpointAndNoMetadata()
    {
        using var http = club.App.CreateClient();
        using var post = await http.PostAsync("/mcp", new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var metadata = await http.GetAsync("/.well-known/oauth-protected-resource/mcp");
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
    }
}
