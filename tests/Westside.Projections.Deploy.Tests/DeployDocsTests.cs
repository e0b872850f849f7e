using System.Text.RegularExpressions;
using Westside.Projections.Deploy.Tests.Support;
using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests;

// The README's "Deploy" section matches the files: every variable, secret, service, path
// and setting it names exists, and everything the files need is documented.
public sealed partial class DeployDocsTests
{
    private readonly string doc = DeploySection(File.ReadAllText(RepoPaths.Combine("README.md")));
    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly Manifests manifests = new();

    [Fact]
    public void The_environment_table_has_a_row_for_every_variable_the_apps_are_given()
    {
        var rows = TableRows().Matches(doc).Select(m => m.Groups[1].Value).ToHashSet();
        var given = compose.Environment("projector").Keys
            .Concat(compose.Environment("dashboard").Keys)
            .Concat(manifests.OfKind("Deployment").SelectMany(Manifests.Containers).SelectMany(c => c.Get("env").Items()).Select(e => e.Text("name")!))
            .ToHashSet();

        Assert.Empty(given.Except(rows));
    }

    [Fact]
    public void The_env_file_table_lists_every_variable_of_the_template()
    {
        var rows = TableRows().Matches(doc).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Empty(EnvTemplate.Load().Keys.Except(rows));
    }

    [Fact]
    public void The_secret_commands_create_every_secret_and_key_the_manifests_reference()
    {
        var references = manifests.OfKind("Deployment").SelectMany(Manifests.Containers).SelectMany(c => c.Get("env").Items())
            .Select(e => (Secret: e.Text("valueFrom", "secretKeyRef", "name"), Key: e.Text("valueFrom", "secretKeyRef", "key")))
            .Where(r => r.Secret is not null)
            .Distinct()
            .ToList();
        var created = CreateSecret().Matches(doc)
            .SelectMany(m => FromLiteral().Matches(m.Groups[2].Value).Select(l => (Secret: (string?)m.Groups[1].Value, Key: (string?)l.Groups[1].Value)))
            .ToHashSet();

        Assert.NotEmpty(references);
        Assert.Subset(created, references.ToHashSet());
        Assert.Equal(KubernetesManifestTests.SecretNames, created.Select(c => c.Secret!).ToHashSet());
    }

    [Fact]
    public void The_compose_services_table_lists_exactly_the_compose_services()
    {
        var section = doc[doc.IndexOf("| Service | What it is |", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", StringComparison.Ordinal)];
        var listed = ServiceRows().Matches(section).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(compose.ServiceNames.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void The_scaling_lines_use_the_variables_and_services_compose_has()
    {
        Assert.Contains("PROJECTOR_REPLICAS=2", doc, StringComparison.Ordinal);
        Assert.Contains("DASHBOARD_REPLICAS=2", doc, StringComparison.Ordinal);
        Assert.Contains("PROJECTOR_REPLICAS", compose.AllVariables());
        Assert.Contains("DASHBOARD_REPLICAS", compose.AllVariables());
        foreach (Match scale in Scale().Matches(doc))
        {
            Assert.Contains(scale.Groups[1].Value, compose.ServiceNames);
        }
    }

    [Fact]
    public void Every_repository_path_it_names_exists()
    {
        // ops/demo and ops/test are the README quick start's two commands (DESIGN.md), owned by the integration branch.
        var paths = RepoPath().Matches(doc).Select(m => m.Groups[1].Value).Distinct().Except(["ops/demo", "ops/test"]).ToList();

        Assert.Contains("ops/sql/source/0002_westside_projections_readonly_role.sql", paths);
        Assert.All(paths, p =>
        {
            var full = RepoPaths.Combine(p.Contains('*', StringComparison.Ordinal) ? Path.GetDirectoryName(p)! : p);
            Assert.True(File.Exists(full) || Directory.Exists(full), $"README's Deploy section names {p}, which does not exist");
        });
    }

    [Fact]
    public void It_names_the_same_allow_marker_harbor_host_and_keycloak_settings_as_the_files()
    {
        var guard = File.ReadAllText(RepoPaths.Combine("ops", "deploy-guard.py"));
        var marker = Marker().Match(guard).Groups[1].Value;

        Assert.Contains($"`{marker}`", doc, StringComparison.Ordinal);
        Assert.Contains(KubernetesManifestTests.HarborPrefix.TrimEnd('/'), doc, StringComparison.Ordinal);
        Assert.Contains("`realm_access.roles`", doc, StringComparison.Ordinal);
        Assert.Contains("`S256`", doc, StringComparison.Ordinal);
        Assert.Contains("`http://127.0.0.1:5080/signin-oidc`", doc, StringComparison.Ordinal);
        Assert.Contains("dotnet /app/projector.dll status", doc, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| `([A-Za-z_][A-Za-z0-9_]*)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRows();

    [GeneratedRegex(@"^\| `([a-z][a-z0-9-]*)` \|", RegexOptions.Multiline)]
    private static partial Regex ServiceRows();

    [GeneratedRegex(@"create secret generic ([a-z0-9-]+)((?:\s*\\\n\s*--from-literal=[^\n\\]*)+)")]
    private static partial Regex CreateSecret();

    [GeneratedRegex(@"--from-literal=([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex FromLiteral();

    [GeneratedRegex(@"--scale ([a-z-]+)=")]
    private static partial Regex Scale();

    [GeneratedRegex(@"`((?:ops|projector|dashboard|docs|tests)/[^`\s]*|docker-compose\.yml|\.env\.example)`")]
    private static partial Regex RepoPath();

    [GeneratedRegex(@"MARKER = ""([^""]+)""")]
    private static partial Regex Marker();

    // From "## Deploy" to the next second-level heading (or the end).
    private static string DeploySection(string readme)
    {
        var start = readme.IndexOf("\n## Deploy", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Deploy\" section");
        var next = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return next < 0 ? readme[start..] : readme[start..next];
    }
}
