using System.Text.RegularExpressions;
using Westside.Projections.Deploy.Tests.Support;
using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests;

// docker-compose.yml wires source, store, Keycloak, projector and dashboard by environment variables,
// publishes nothing beyond loopback, and scales to two projectors and two dashboards with one variable each.
public sealed partial class ComposeFileTests
{
    private readonly ComposeFile compose = ComposeFile.Load();

    [Fact]
    public void Runs_source_store_Keycloak_projector_and_dashboard_with_their_helpers()
    {
        Assert.Equal(
            ["dashboard", "edge", "fixture", "keycloak", "keycloak-client-secret", "projector", "source-db", "store-db"],
            compose.ServiceNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Publishes_ports_on_loopback_only_and_the_dashboard_through_the_edge_proxy()
    {
        var published = compose.ServiceNames
            .SelectMany(s => compose.Service(s).Get("ports").Items().Select(p => (Service: s, Port: p.Text() ?? "")))
            .ToList();

        Assert.All(published, p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
        Assert.Equal(["edge", "keycloak"], published.Select(p => p.Service).Order(StringComparer.Ordinal));
        Assert.Null(compose.Service("dashboard").Get("ports"));
    }

    [Fact]
    public void The_dashboard_has_no_source_connection_string()
    {
        Assert.DoesNotContain("SOURCE_PGURL", compose.Environment("dashboard").Keys);
        Assert.DoesNotContain(compose.Environment("dashboard").Values, v => v.Contains("source-db", StringComparison.Ordinal));
    }

    [Fact]
    public void The_projector_reads_the_source_through_the_read_only_role_whose_password_compose_sets()
    {
        var role = RoleName().Match(File.ReadAllText(RepoPaths.Combine("ops", "sql", "source", "0002_westside_projections_readonly_role.sql"))).Groups[1].Value;
        var init = File.ReadAllText(RepoPaths.Combine("ops", "compose", "source-init", "00_westside_source.sh"));

        Assert.Equal("westside_projections_ro", role);
        Assert.StartsWith($"postgres://{role}:${{SOURCE_RO_PASSWORD:?", compose.Environment("projector")["SOURCE_PGURL"], StringComparison.Ordinal);
        Assert.EndsWith("@source-db:5432/basketball", compose.Environment("projector")["SOURCE_PGURL"], StringComparison.Ordinal);
        Assert.Equal("basketball", compose.Environment("source-db")["POSTGRES_DB"]);
        Assert.StartsWith("${SOURCE_RO_PASSWORD:?", compose.Environment("source-db")["WESTSIDE_RO_PASSWORD"], StringComparison.Ordinal);
        Assert.Contains($"alter role {role} password :'ro_password'", init, StringComparison.Ordinal);
        Assert.Contains("/westside/sql/source/*.sql", init, StringComparison.Ordinal);
    }

    [Fact]
    public void Projector_and_dashboard_share_one_store()
    {
        Assert.Equal(compose.Environment("projector")["STORE_PGURL"], compose.Environment("dashboard")["STORE_PGURL"]);
        Assert.EndsWith("@store-db:5432/westside_store", compose.Environment("dashboard")["STORE_PGURL"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_env_template_lists_every_variable_and_leaves_the_required_ones_empty()
    {
        var template = EnvTemplate.Load();

        Assert.Subset(template.Keys.ToHashSet(), compose.AllVariables().ToHashSet());
        Assert.Subset(compose.AllVariables().ToHashSet(), template.Keys.ToHashSet());
        Assert.All(compose.RequiredVariables(), v => Assert.Equal("", template[v]));
        Assert.Equal(5, compose.RequiredVariables().Count);
    }

    [Fact]
    public void Services_start_in_order_once_what_they_need_is_healthy_or_done()
    {
        Assert.Equal("service_healthy", Condition("fixture", "source-db"));
        Assert.Equal("service_healthy", Condition("projector", "source-db"));
        Assert.Equal("service_healthy", Condition("projector", "store-db"));
        Assert.Equal("service_completed_successfully", Condition("projector", "fixture"));
        Assert.Equal("service_healthy", Condition("keycloak-client-secret", "keycloak"));
        Assert.Equal("service_healthy", Condition("dashboard", "projector"));
        Assert.Equal("service_completed_successfully", Condition("dashboard", "keycloak-client-secret"));
        Assert.Equal("service_healthy", Condition("edge", "dashboard"));
    }

    [Fact]
    public void Every_service_waited_on_as_healthy_has_a_health_check()
    {
        var awaited = compose.ServiceNames
            .SelectMany(s => compose.Service(s).Get("depends_on").Entries())
            .Where(d => d.Value.Text("condition") == "service_healthy")
            .Select(d => d.Key)
            .Distinct();

        foreach (var name in awaited)
        {
            var service = compose.Service(name);
            var dockerfile = service.Text("build", "dockerfile");
            var imageCheck = dockerfile is not null && Dockerfile.Load(RepoPaths.Combine(dockerfile)).Final.Last("HEALTHCHECK") is { } h && !h.Arguments.StartsWith("NONE", StringComparison.Ordinal);
            Assert.True(service.Get("healthcheck") is not null || imageCheck, $"{name} is awaited as healthy but has no health check");
        }
    }

    [Fact]
    public void Every_file_mounted_from_the_repository_exists()
    {
        var mounts = compose.ServiceNames
            .SelectMany(s => compose.Service(s).Get("volumes").Items())
            .Select(v => v.Text() ?? "")
            .Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m =>
        {
            var source = RepoPaths.Combine(m.Split(':')[0][2..]);
            Assert.True(File.Exists(source) || Directory.Exists(source), $"{m}: {source} does not exist");
            Assert.EndsWith(":ro", m, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Keycloak_imports_the_committed_realm_and_agrees_with_the_dashboard()
    {
        var realm = RealmExport.Load();
        var realmName = realm.GetProperty("realm").GetString();
        var dashboard = compose.Environment("dashboard");
        var client = realm.Client(dashboard["OIDC_CLIENT_ID"]);
        var edgePort = compose.Service("edge").Get("ports").Items().Single().Text()!.Split(':')[1];
        var keycloakPort = compose.Service("keycloak").Get("ports").Items().Single().Text()!.Split(':')[1];

        Assert.Contains($"./{RealmExport.RelativePath}:/opt/keycloak/data/import/westside-basketball-realm.json:ro", compose.Service("keycloak").Get("volumes").Items().Select(v => v.Text()));
        Assert.Contains("--import-realm", compose.Service("keycloak").Get("command").Items().Select(c => c.Text()));
        // The issuer is what browsers see (KC_HOSTNAME); the dashboard reads discovery over the compose network.
        Assert.Equal($"http://127.0.0.1:{keycloakPort}/realms/{realmName}", dashboard["OIDC_AUTHORITY"]);
        Assert.Equal($"http://keycloak:8080/realms/{realmName}/.well-known/openid-configuration", dashboard["OIDC_METADATA_ADDRESS"]);
        Assert.Contains($"http://127.0.0.1:{edgePort}/signin-oidc", client.GetProperty("redirectUris").Strings());
        Assert.Equal($"http://127.0.0.1:{keycloakPort}", compose.Environment("keycloak")["KC_HOSTNAME"]);
        Assert.Equal(dashboard["OIDC_CLIENT_SECRET"], compose.Environment("keycloak-client-secret")["OIDC_CLIENT_SECRET"]);
        Assert.Equal("admin", dashboard["OIDC_REQUIRED_ROLE"]);
    }

    [Fact]
    public void The_dashboard_serves_mcp_at_the_edge_url_the_realm_puts_in_the_assistants_tokens()
    {
        var edgePort = compose.Service("edge").Get("ports").Items().Single().Text()!.Split(':')[1];
        var resource = compose.Environment("dashboard")["MCP_RESOURCE_URL"];
        var audiences = RealmExport.Load().Client("westside-assistant").GetProperty("protocolMappers").EnumerateArray()
            .Where(m => m.GetProperty("protocolMapper").GetString() == "oidc-audience-mapper")
            .Select(m => m.GetProperty("config").GetProperty("included.custom.audience").GetString());

        Assert.Equal($"http://127.0.0.1:{edgePort}/mcp", resource);
        Assert.Contains(resource, audiences);
    }

    [Fact]
    public void Two_projectors_and_two_dashboards_are_one_variable_each()
    {
        Assert.Equal("${PROJECTOR_REPLICAS:-1}", compose.Service("projector").Text("deploy", "replicas"));
        Assert.Equal("${DASHBOARD_REPLICAS:-1}", compose.Service("dashboard").Text("deploy", "replicas"));
        // A fixed container name, or a published port, would stop a second replica from starting.
        Assert.All(compose.ServiceNames, s => Assert.Null(compose.Service(s).Get("container_name")));
        Assert.Null(compose.Service("projector").Get("ports"));
    }

    [Theory]
    [InlineData("projector")]
    [InlineData("dashboard")]
    [InlineData("fixture")]
    [InlineData("edge")]
    public void Runs_with_a_read_only_root_filesystem_and_a_tmpfs_on_tmp(string service)
    {
        Assert.Equal("true", compose.Service(service).Text("read_only"));
        Assert.Contains("/tmp", compose.Service(service).Get("tmpfs").Items().Select(t => t.Text()));
    }

    [Theory]
    [InlineData("projector", DockerfileTests.Projector)]
    [InlineData("dashboard", DockerfileTests.Dashboard)]
    [InlineData("fixture", DockerfileTests.Fixture)]
    public void Builds_the_images_from_the_repository_root_with_the_checked_Dockerfiles(string service, string dockerfile)
    {
        Assert.Equal(".", compose.Service(service).Text("build", "context"));
        Assert.Equal(dockerfile, compose.Service(service).Text("build", "dockerfile"));
    }

    [Fact]
    public void Keeps_to_keys_docker_compose_1_29_can_validate()
    {
        Assert.Equal(["services", "volumes"], compose.Root.Keys());
        var keys = compose.Root.Mappings().SelectMany(m => m.Keys()).ToHashSet();
        Assert.DoesNotContain("develop", keys);
        Assert.DoesNotContain("start_interval", keys);
    }

    private string? Condition(string service, string dependency) =>
        compose.Service(service).At("depends_on", dependency, "condition").Text();

    [GeneratedRegex(@"create role (\w+) login")]
    private static partial Regex RoleName();
}
