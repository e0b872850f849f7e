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
    public void The_realm_holds_the_dashboard_and_the_landing_client_and_only_the_dashboard_maps_realm_roles()
    {
        var clients = realm.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()).ToList();

        Assert.Equal(["westside-dashboard", "basketball-landing"], clients);
        Assert.False(Landing.TryGetProperty("protocolMappers", out _));
    }
}
