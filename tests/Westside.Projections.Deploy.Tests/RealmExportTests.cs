using System.Text.Json;
using Westside.Projections.Deploy.Tests.Support;

namespace Westside.Projections.Deploy.Tests;

// The realm export compose imports into Keycloak parses, and has the client, role and users the dashboard
// and the README's Deploy section rely on, with no real secret in it.
public sealed class RealmExportTests
{
    private readonly JsonElement realm = RealmExport.Load();

    private JsonElement Dashboard => realm.Client("westside-dashboard");

    private JsonElement Landing => realm.Client("basketball-landing");

    [Fact]
    public void The_dashboard_client_is_confidential_with_the_standard_flow_only()
    {
        Assert.Equal("westside-basketball", realm.GetProperty("realm").GetString());
        Assert.False(Dashboard.GetProperty("publicClient").GetBoolean());
        Assert.Equal("client-secret", Dashboard.GetProperty("clientAuthenticatorType").GetString());
        Assert.True(Dashboard.GetProperty("standardFlowEnabled").GetBoolean());
        Assert.False(Dashboard.GetProperty("implicitFlowEnabled").GetBoolean());
        Assert.False(Dashboard.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.False(Dashboard.GetProperty("serviceAccountsEnabled").GetBoolean());
    }

    [Fact]
    public void Pkce_with_S256_is_required()
    {
        Assert.Equal("S256", Dashboard.GetProperty("attributes").GetProperty("pkce.code.challenge.method").GetString());
    }

    [Fact]
    public void Redirects_go_to_signin_oidc_and_logouts_back_to_the_dashboard_only()
    {
        var redirects = Dashboard.GetProperty("redirectUris").Strings();
        var logouts = Dashboard.GetProperty("attributes").GetProperty("post.logout.redirect.uris").GetString()!.Split("##");

        Assert.Contains("http://127.0.0.1:5080/signin-oidc", redirects);
        Assert.All(redirects, r => Assert.EndsWith("/signin-oidc", r, StringComparison.Ordinal));
        Assert.DoesNotContain(redirects, r => r.Contains('*', StringComparison.Ordinal));
        Assert.Contains("http://127.0.0.1:5080/", logouts);
        Assert.Empty(Dashboard.GetProperty("webOrigins").EnumerateArray());
    }

    [Fact]
    public void Realm_roles_reach_the_ID_token_as_realm_access_roles()
    {
        var mapper = Dashboard.GetProperty("protocolMappers").EnumerateArray()
            .Single(m => m.GetProperty("protocolMapper").GetString() == "oidc-usermodel-realm-role-mapper");
        var config = mapper.GetProperty("config");

        Assert.Equal("realm_access.roles", config.GetProperty("claim.name").GetString());
        Assert.Equal("true", config.GetProperty("id.token.claim").GetString());
        Assert.Equal("true", config.GetProperty("multivalued").GetString());
    }

    [Fact]
    public void Only_the_admin_demo_user_has_the_admin_role()
    {
        var roles = realm.GetProperty("roles").GetProperty("realm").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        var users = realm.GetProperty("users").EnumerateArray()
            .ToDictionary(u => u.GetProperty("username").GetString()!, u => u.GetProperty("realmRoles").Strings());

        Assert.Contains("admin", roles);
        Assert.Contains("admin", users["marcus"]);
        Assert.DoesNotContain("admin", users["coach"]);
    }

    [Fact]
    public void The_client_secret_is_the_placeholder_that_compose_replaces()
    {
        // Compose's keycloak-client-secret one-shot sets the real value from .env; never commit one here.
        Assert.Equal("**********", Dashboard.GetProperty("secret").GetString());
    }

    [Fact]
    public void Basketball_landing_is_a_second_client_of_the_same_realm_with_the_standard_flow_and_pkce_only()
    {
        // Single sign-on across the club's apps rides on the realm's session: the landing client must live
        // in this realm, never get a secret here, and use the same code flow with PKCE.
        Assert.True(Landing.GetProperty("publicClient").GetBoolean());
        Assert.False(Landing.TryGetProperty("secret", out _));
        Assert.True(Landing.GetProperty("standardFlowEnabled").GetBoolean());
        Assert.False(Landing.GetProperty("implicitFlowEnabled").GetBoolean());
        Assert.False(Landing.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.False(Landing.GetProperty("serviceAccountsEnabled").GetBoolean());
        Assert.Equal("S256", Landing.GetProperty("attributes").GetProperty("pkce.code.challenge.method").GetString());
        var redirects = Landing.GetProperty("redirectUris").Strings();
        Assert.NotEmpty(redirects);
        Assert.DoesNotContain(redirects, r => r.Contains('*', StringComparison.Ordinal) || r.Contains("/signin-oidc", StringComparison.Ordinal));
        Assert.Empty(Landing.GetProperty("webOrigins").EnumerateArray());
    }

    [Fact]
    public void The_realm_holds_the_dashboard_the_landing_and_the_assistant_client_and_the_landing_maps_no_roles()
    {
        var clients = realm.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()).ToList();

        Assert.Equal(["westside-dashboard", "basketball-landing", "westside-assistant"], clients);
        Assert.False(Landing.TryGetProperty("protocolMappers", out _));
    }

    [Fact]
    public void The_assistant_client_is_public_with_PKCE_and_gets_tokens_for_the_MCP_resource_with_realm_roles()
    {
        var assistant = realm.Client("westside-assistant");
        Assert.True(assistant.GetProperty("publicClient").GetBoolean());
        Assert.True(assistant.GetProperty("standardFlowEnabled").GetBoolean());
        Assert.False(assistant.GetProperty("implicitFlowEnabled").GetBoolean());
        Assert.False(assistant.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.Equal("S256", assistant.GetProperty("attributes").GetProperty("pkce.code.challenge.method").GetString());

        var mappers = assistant.GetProperty("protocolMappers").EnumerateArray().ToList();
        var audiences = mappers.Where(m => m.GetProperty("protocolMapper").GetString() == "oidc-audience-mapper")
            .Select(m => m.GetProperty("config"))
            .ToList();
        Assert.Contains("http://127.0.0.1:5080/mcp", audiences.Select(a => a.GetProperty("included.custom.audience").GetString()));
        Assert.All(audiences, a => Assert.Equal("true", a.GetProperty("access.token.claim").GetString()));
        var roles = mappers.Single(m => m.GetProperty("protocolMapper").GetString() == "oidc-usermodel-realm-role-mapper").GetProperty("config");
        Assert.Equal("realm_access.roles", roles.GetProperty("claim.name").GetString());
        Assert.Equal("true", roles.GetProperty("access.token.claim").GetString());
    }

    [Fact]
    public void The_export_declares_no_client_scopes_so_Keycloak_still_creates_its_built_in_ones()
    {
        // A realm import with any "clientScopes" gets none of Keycloak's built-in scopes (basic, profile, roles...):
        // the MCP scope is created after the import instead (ops/keycloak/README.md).
        Assert.False(realm.TryGetProperty("clientScopes", out _));
    }
}
