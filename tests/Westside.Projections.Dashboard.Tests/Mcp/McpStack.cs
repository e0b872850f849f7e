using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Westside.Projections.Dashboard.Tests.Auth;

namespace Westside.Projections.Dashboard.Tests.Mcp;

// The demo club behind the real dashboard with /mcp on, the local OpenID provider issuing tokens for it, and
// the provider's signing key on disk (OIDC_KEYS_DIR), so a test can also sign a token the realm would sign
// but with one thing wrong (another audience, expired): the server must refuse it for that one reason.
public class McpStack : ClubSignInStack
{
    private readonly string _keys = Directory.CreateTempSubdirectory("westside-mcp-keys-").FullName;

    protected override string? ProviderKeysDirectory => _keys;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["MCP_RESOURCE_URL"] = McpResource,
        ["MCP_RATE_LIMIT_PER_MINUTE"] = "10000",
    };

    public string McpResource => OidcProvider.McpResource(DashboardPort);

    public Uri McpUrl => new(McpResource);

    // A token signed with the realm's own key; by default exactly what the provider would issue to marcus.
    public string SignToken(string? audience = null, DateTimeOffset? expires = null, string subject = OidcProvider.MarcusSubject,
        string[]? roles = null, string? issuer = null)
    {
        var jwks = JsonDocument.Parse(File.ReadAllText(Path.Combine(_keys, "jwks.json")));
        var key = new JsonWebKey(jwks.RootElement.GetProperty("keys")[0].GetRawText());
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(5);
        var iat = exp < now ? exp.AddMinutes(-5) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Provider.Issuer,
            Audience = audience ?? McpResource,
            IssuedAt = iat.UtcDateTime,
            NotBefore = iat.UtcDateTime,
            Expires = exp.UtcDateTime,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["scope"] = "mcp:tools",
                ["client_id"] = "signed-by-test",
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles ?? ["admin"] },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
