using Westside.Projections.Deploy.Tests.Support;
using Westside.Projections.Testing;
using YamlDotNet.RepresentationModel;

namespace Westside.Projections.Deploy.Tests;

// ops/k8s: Deployments with resources and probes, Harbor images, a private Tailscale ingress without a funnel,
// Secrets referenced by name only, a PodDisruptionBudget for the dashboard, and a hardened pod spec.
public sealed class KubernetesManifestTests
{
    public static readonly IReadOnlySet<string> SecretNames =
        new HashSet<string> { "westside-projector-db", "westside-dashboard-db", "westside-dashboard-oidc" };

    public const string HarborPrefix = "harbor.westside.example/westside-projections/";

    private readonly Manifests manifests = new();

    public static TheoryData<string> Deployments => ["westside-projector", "westside-dashboard"];

    [Fact]
    public void Every_file_the_kustomizations_name_exists()
    {
        var named = manifests.Base.Get("resources").Items().Select(r => Path.Combine(Manifests.BaseDir, r.Text()!))
            .Concat(manifests.Prod.Get("resources").Items().Select(r => Path.Combine(Manifests.ProdDir, r.Text()!)))
            .Concat(manifests.Prod.Get("patches").Items().Select(p => Path.Combine(Manifests.ProdDir, p.Text("path")!)));

        Assert.All(named, path => Assert.True(File.Exists(path) || Directory.Exists(path), $"{path} does not exist"));
        Assert.Equal(
            ["Deployment", "Deployment", "Ingress", "PodDisruptionBudget", "Service"],
            manifests.Objects.Select(o => o.Text("kind")!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Every_container_has_requests_limits_and_probes(string name)
    {
        foreach (var container in Manifests.Containers(manifests.Single("Deployment", name)))
        {
            foreach (var bound in new[] { "requests", "limits" })
            {
                Assert.NotNull(container.Text("resources", bound, "cpu"));
                Assert.NotNull(container.Text("resources", bound, "memory"));
            }

            Assert.NotNull(container.Get("livenessProbe"));
            Assert.NotNull(container.Get("readinessProbe"));
        }
    }

    [Fact]
    public void The_dashboard_is_probed_on_healthz_on_its_http_port()
    {
        var container = Manifests.Containers(manifests.Single("Deployment", "westside-dashboard")).Single();
        var port = container.Get("ports").Items().Single();

        Assert.Equal("http", port.Text("name"));
        Assert.Equal("8080", port.Text("containerPort"));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", container.Text(probe, "httpGet", "path"));
            Assert.Equal("http", container.Text(probe, "httpGet", "port"));
        }
    }

    [Fact]
    public void The_projector_is_probed_with_projector_status_like_its_image_health_check()
    {
        var container = Manifests.Containers(manifests.Single("Deployment", "westside-projector")).Single();
        var image = Dockerfile.Load(RepoPaths.Combine(DockerfileTests.Projector)).Final.Last("HEALTHCHECK")!.Arguments;
        var imageCommand = image[(image.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..];

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var command = container.At(probe, "exec", "command").Items().Select(c => c.Text()!).ToArray();
            Assert.Equal(["dotnet", "/app/projector.dll", "status"], command);
            Assert.Equal(System.Text.Json.JsonSerializer.Deserialize<string[]>(imageCommand), command);
        }

        Assert.Equal(["run"], container.Get("args").Items().Select(a => a.Text()));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Pods_run_non_root_read_only_without_privileges_or_a_service_account_token(string name)
    {
        var pod = manifests.Single("Deployment", name).At("spec", "template", "spec");

        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.Equal("1654", pod.Text("securityContext", "runAsUser"));
        Assert.Equal("RuntimeDefault", pod.Text("securityContext", "seccompProfile", "type"));
        Assert.Equal("false", pod.Text("automountServiceAccountToken"));
        var tmpVolumes = pod.Get("volumes").Items().Where(v => v.Get("emptyDir") is not null).Select(v => v.Text("name")).ToHashSet();
        foreach (var container in pod.Get("containers").Items())
        {
            Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
            Assert.Equal(["ALL"], container.At("securityContext", "capabilities", "drop").Items().Select(d => d.Text()));
            Assert.Contains(container.Get("volumeMounts").Items(), m => m.Text("mountPath") == "/tmp" && tmpVolumes.Contains(m.Text("name")));
        }
    }

    [Fact]
    public void Prod_takes_every_image_from_Harbor_with_a_pinned_tag()
    {
        var images = manifests.Prod.Get("images").Items().ToDictionary(i => i.Text("name")!);
        var used = manifests.OfKind("Deployment").SelectMany(Manifests.Containers).Select(c => c.Text("image")!).ToList();

        Assert.NotEmpty(used);
        foreach (var image in used)
        {
            Assert.True(images.TryGetValue(image, out var mapping), $"the prod overlay does not map image {image}");
            Assert.StartsWith(HarborPrefix, mapping.Text("newName"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(mapping.Text("newTag")));
            Assert.NotEqual("latest", mapping.Text("newTag"));
        }
    }

    [Fact]
    public void The_ingress_is_the_private_tailscale_class_without_a_funnel_in_front_of_the_dashboard_service()
    {
        var ingress = manifests.Single("Ingress", "westside-dashboard");
        var service = manifests.Single("Service", "westside-dashboard");

        Assert.Equal("tailscale", ingress.Text("spec", "ingressClassName"));
        Assert.Equal("westside-dashboard", ingress.Text("spec", "defaultBackend", "service", "name"));
        Assert.Equal(service.Get("spec").Get("ports").Items().Single().Text("port"), ingress.Text("spec", "defaultBackend", "service", "port", "number"));
        Assert.Equal("ClusterIP", service.Text("spec", "type"));
        foreach (var (path, document) in Manifests.AllFiles())
        {
            Assert.DoesNotContain(document.Mappings().SelectMany(m => m.Keys()), key => key.Contains("funnel", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(document.Mappings().SelectMany(m => m.Keys()), key => key == "hostNetwork" || key == "hostPort");
            Assert.True(document.Text("kind") != "Secret", $"{path} commits a Secret");
        }
    }

    [Fact]
    public void Mcp_is_served_by_the_dashboard_behind_the_same_private_ingress_at_a_tailnet_https_url()
    {
        var ingress = manifests.Single("Ingress", "westside-dashboard");
        // One backend for every path: /mcp gets no rule (and no exposure) of its own.
        Assert.Null(ingress.At("spec", "rules"));
        var dashboard = Manifests.Containers(manifests.Single("Deployment", "westside-dashboard")).Single();
        Assert.Contains(dashboard.Get("env").Items(), e => e.Text("name") == "MCP_RESOURCE_URL"
            && e.Text("valueFrom", "configMapKeyRef", "key") == "MCP_RESOURCE_URL");
        var url = manifests.Prod.Get("configMapGenerator").Items().SelectMany(g => g.Get("literals").Items())
            .Select(l => l.Text()!).Single(l => l.StartsWith("MCP_RESOURCE_URL=", StringComparison.Ordinal))["MCP_RESOURCE_URL=".Length..];
        var uri = new Uri(url);
        Assert.Equal("https", uri.Scheme);
        Assert.EndsWith(".ts.net", uri.Host, StringComparison.Ordinal);
        Assert.Equal("/mcp", uri.AbsolutePath);
    }

    [Fact]
    public void Secrets_are_referenced_by_name_only_and_each_container_gets_just_what_it_needs()
    {
        var references = manifests.OfKind("Deployment")
            .SelectMany(d => Manifests.Containers(d).SelectMany(c => c.Get("env").Items()
                .Where(e => e.At("valueFrom", "secretKeyRef") is not null)
                .Select(e => (Deployment: d.Text("metadata", "name"), Env: e.Text("name"), Secret: e.Text("valueFrom", "secretKeyRef", "name"), Key: e.Text("valueFrom", "secretKeyRef", "key")))))
            .ToList();

        Assert.All(references, r => Assert.Contains(r.Secret!, SecretNames));
        Assert.All(references, r => Assert.Equal(r.Env, r.Key));
        Assert.Equal(
            ["SOURCE_PGURL", "STORE_PGURL"],
            references.Where(r => r.Deployment == "westside-projector").Select(r => r.Env!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["OIDC_CLIENT_SECRET", "STORE_PGURL"],
            references.Where(r => r.Deployment == "westside-dashboard").Select(r => r.Env!).Order(StringComparer.Ordinal));
        // No secret-looking variable gets a plain value.
        var plain = manifests.OfKind("Deployment").SelectMany(Manifests.Containers).SelectMany(c => c.Get("env").Items())
            .Where(e => e.Get("value") is not null).Select(e => e.Text("name")!);
        Assert.DoesNotContain(plain, n => n.Contains("PGURL", StringComparison.Ordinal) || n.Contains("SECRET", StringComparison.Ordinal) || n.Contains("PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dashboard_has_two_replicas_covered_by_a_disruption_budget()
    {
        var deployment = manifests.Single("Deployment", "westside-dashboard");
        var budget = manifests.Single("PodDisruptionBudget", "westside-dashboard");
        var podLabels = deployment.At("spec", "template", "metadata", "labels").Entries().ToDictionary(e => e.Key, e => e.Value.Text());

        Assert.Equal("2", deployment.Text("spec", "replicas"));
        Assert.Equal("1", budget.Text("spec", "minAvailable"));
        Assert.All(budget.At("spec", "selector", "matchLabels").Entries(), l => Assert.Equal(podLabels[l.Key], l.Value.Text()));
    }

    [Fact]
    public void Prod_runs_in_its_restricted_namespace_with_a_projector_standby()
    {
        var namespaceFile = Yaml.LoadMapping(Path.Combine(Manifests.ProdDir, "namespace.yaml"));
        var patch = Yaml.LoadMapping(Path.Combine(Manifests.ProdDir, manifests.Prod.Get("patches").Items().Single().Text("path")!));

        Assert.Equal("westside-projections", manifests.Prod.Text("namespace"));
        Assert.Equal("westside-projections", namespaceFile.Text("metadata", "name"));
        Assert.Equal("restricted", namespaceFile.Text("metadata", "labels", "pod-security.kubernetes.io/enforce"));
        Assert.Equal("Deployment", patch.Text("kind"));
        Assert.Equal("westside-projector", patch.Text("metadata", "name"));
        Assert.Equal("2", patch.Text("spec", "replicas"));
    }

    [Fact]
    public void Every_configmap_key_a_container_reads_is_generated()
    {
        var generated = manifests.Base.Get("configMapGenerator").Items()
            .Concat(manifests.Prod.Get("configMapGenerator").Items())
            .Where(g => g.Text("name") == "westside-projections-config")
            .SelectMany(g => g.Get("literals").Items().Select(l => l.Text()!.Split('=')[0]))
            .ToHashSet();
        var read = manifests.OfKind("Deployment").SelectMany(Manifests.Containers).SelectMany(c => c.Get("env").Items())
            .Select(e => e.At("valueFrom", "configMapKeyRef"))
            .OfType<YamlMappingNode>()
            .ToList();

        Assert.NotEmpty(read);
        Assert.All(read, r => Assert.Equal("westside-projections-config", r.Text("name")));
        Assert.All(read, r => Assert.Contains(r.Text("key")!, generated));
    }
}
