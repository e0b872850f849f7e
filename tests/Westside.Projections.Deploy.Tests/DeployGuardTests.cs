using Westside.Projections.Deploy.Tests.Support;

namespace Westside.Projections.Deploy.Tests;

// ops/deploy-guard: the committed files pass; each way of exposing the data publicly or committing a
// secret, broken into a copy of the real files, fails naming the file and the line.
public sealed class DeployGuardTests
{
    private const string Ingress = "ops/k8s/base/dashboard-ingress.yaml";
    private const string Service = "ops/k8s/base/dashboard-service.yaml";
    private const string Dashboard = "ops/k8s/base/dashboard-deployment.yaml";
    private const string Compose = "docker-compose.yml";

    [Fact]
    public async Task The_committed_compose_file_env_template_and_manifests_pass()
    {
        var run = await GuardRun.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Offences);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("'true'")]
    [InlineData("true")]
    [InlineData("\"True\"")]
    [InlineData("yes")]
    public async Task A_tailscale_funnel_annotation_fails_however_it_is_quoted(string value)
    {
        using var copy = new TempDeployCopy();
        var line = copy.InsertAfter(Ingress, "name: westside-dashboard", "funnel",
            "  annotations:",
            $"    tailscale.com/funnel: {value}");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Ingress), line, "tailscale.com/funnel");
    }

    [Fact]
    public async Task A_funnel_switched_on_by_a_patch_in_the_prod_overlay_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.InsertAfter("ops/k8s/overlays/prod/kustomization.yaml", "patches:", "funnel",
            "  - target:",
            "      kind: Ingress",
            "    patch: |-",
            "      - op: add",
            "        path: /metadata/annotations/tailscale.com~1funnel",
            "        value: \"true\"");

        var run = await GuardRun.RunAsync(copy.Root);

        // The offence points at the value line inside the inline patch.
        AssertOffence(run, copy.PathOf("ops/k8s/overlays/prod/kustomization.yaml"), line + 1, "funnel");
    }

    [Fact]
    public async Task A_kubernetes_Secret_with_a_literal_value_fails()
    {
        using var copy = new TempDeployCopy();
        copy.Write("ops/k8s/base/oidc-secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: westside-dashboard-oidc
            stringData:
              OIDC_CLIENT_SECRET: 3f1c0ffee9d1
            """);

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf("ops/k8s/base/oidc-secret.yaml"), 6, "Secret stringData.OIDC_CLIENT_SECRET");
    }

    [Fact]
    public async Task A_Secret_whose_values_are_all_SOPS_encrypted_passes()
    {
        using var copy = new TempDeployCopy();
        copy.Write("ops/k8s/base/oidc-secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: westside-dashboard-oidc
            stringData:
              OIDC_CLIENT_SECRET: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]
            sops:
              age:
                - recipient: age1examplerecipient
            """);

        var run = await GuardRun.RunAsync(copy.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_LoadBalancer_service_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.ReplaceLine(Service, "type: ClusterIP", "  type: LoadBalancer");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Service), line, "LoadBalancer");
    }

    [Fact]
    public async Task An_ingress_class_other_than_tailscale_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.ReplaceLine(Ingress, "ingressClassName: tailscale", "  ingressClassName: nginx");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Ingress), line, "Ingress class nginx");
    }

    [Fact]
    public async Task A_public_entry_point_passes_only_with_the_reviewed_allow_marker()
    {
        using var copy = new TempDeployCopy();
        copy.InsertAfter(Ingress, "name: westside-dashboard", "funnel",
            "  annotations:",
            "    westside-projections/public-exposure-reviewed: \"Keycloak sign-in, admin role, every route but /healthz; review #42\"",
            "    tailscale.com/funnel: \"true\"");

        var run = await GuardRun.RunAsync(copy.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_literal_password_in_a_deployment_env_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.InsertAfter(Dashboard, "env:", "value:",
            "            - name: STORE_PASSWORD",
            "              value: hunter2");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Dashboard), line, "STORE_PASSWORD has a literal value");
    }

    [Fact]
    public async Task A_literal_password_inside_a_connection_url_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.InsertAfter(Dashboard, "env:", "value:",
            "            - name: STORE_PGURL",
            "              value: postgres://westside_store:hunter2@store:5432/westside_store");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Dashboard), line, "literal password in a URL");
    }

    [Fact]
    public async Task A_literal_secret_in_the_compose_environment_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.ReplaceLine(Compose, "POSTGRES_PASSWORD: ${STORE_DB_PASSWORD", "      POSTGRES_PASSWORD: hunter2");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Compose), line, "POSTGRES_PASSWORD has a literal value");
    }

    [Fact]
    public async Task A_compose_port_published_on_every_interface_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.ReplaceLine(Compose, "\"127.0.0.1:5080:8080\"", "      - \"5080:8080\"");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(Compose), line, "published on every interface");
    }

    [Fact]
    public async Task A_secret_value_in_the_env_template_fails()
    {
        using var copy = new TempDeployCopy();
        var line = copy.ReplaceLine(".env.example", "OIDC_CLIENT_SECRET=", "OIDC_CLIENT_SECRET=3f1c0ffee9d1");

        var run = await GuardRun.RunAsync(copy.Root);

        AssertOffence(run, copy.PathOf(".env.example"), line, "OIDC_CLIENT_SECRET has a value");
    }

    [Fact]
    public async Task A_file_that_does_not_parse_fails_closed()
    {
        using var copy = new TempDeployCopy();
        copy.Write("ops/k8s/base/broken.yaml", "metadata:\n  annotations: [unclosed\n");

        var run = await GuardRun.RunAsync(copy.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Offences, o => o.StartsWith(copy.PathOf("ops/k8s/base/broken.yaml") + ":", StringComparison.Ordinal) && o.Contains("cannot parse", StringComparison.Ordinal));
    }

    private static void AssertOffence(GuardRun run, string file, int line, string says)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(
            run.Offences.Any(o => o.StartsWith($"{file}:{line}: ", StringComparison.Ordinal) && o.Contains(says, StringComparison.Ordinal)),
            $"expected an offence at {file}:{line} mentioning '{says}', got:\n{run}");
    }
}
