using Westside.Projections.Testing;
using YamlDotNet.RepresentationModel;

namespace Westside.Projections.Deploy.Tests.Support;

// The kustomize base and prod overlay, read as files (no kustomize needed): every object of the base's
// resources, the overlay's kustomization, and the objects its patches change.
public sealed class Manifests
{
    public static readonly string BaseDir = RepoPaths.Combine("ops", "k8s", "base");
    public static readonly string ProdDir = RepoPaths.Combine("ops", "k8s", "overlays", "prod");

    public Manifests()
    {
        Base = Yaml.LoadMapping(Path.Combine(BaseDir, "kustomization.yaml"));
        Prod = Yaml.LoadMapping(Path.Combine(ProdDir, "kustomization.yaml"));
        Objects = Base.Get("resources").Items()
            .SelectMany(r => Yaml.LoadDocuments(Path.Combine(BaseDir, r.Text()!)))
            .ToList();
    }

    public YamlMappingNode Base { get; }

    public YamlMappingNode Prod { get; }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        OfKind(kind).Single(o => o.Text("metadata", "name") == name);

    public static IEnumerable<YamlNode> Containers(YamlNode deployment) =>
        deployment.At("spec", "template", "spec", "containers").Items();

    // Every YAML file under ops/k8s.
    public static IEnumerable<(string Path, YamlMappingNode Document)> AllFiles() =>
        Directory.GetFiles(RepoPaths.Combine("ops", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(path => Yaml.LoadDocuments(path).Select(d => (path, d)));
}
