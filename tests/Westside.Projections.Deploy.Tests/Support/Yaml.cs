using YamlDotNet.RepresentationModel;

namespace Westside.Projections.Deploy.Tests.Support;

// Small, null-tolerant navigation over YamlDotNet's representation model, so a test reads like the path it checks.
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlMappingNode LoadMapping(string path) => LoadDocuments(path).Single();

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlNode? At(this YamlNode? node, params string[] path) =>
        path.Aggregate(node, (current, key) => current.Get(key));

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static string? Text(this YamlNode? node, params string[] path) => node.At(path).Text();

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static IReadOnlyList<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(kv => new KeyValuePair<string, YamlNode>(kv.Key.Text() ?? "", kv.Value)).ToList()
            : [];

    public static IReadOnlyList<string> Keys(this YamlNode? node) => node.Entries().Select(e => e.Key).ToList();

    // Every mapping node in the tree, depth first (to look for a key wherever it may hide).
    public static IEnumerable<YamlMappingNode> Mappings(this YamlNode? node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                yield return mapping;
                foreach (var child in mapping.Children.Values.SelectMany(Mappings))
                {
                    yield return child;
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children.SelectMany(Mappings))
                {
                    yield return child;
                }

                break;
        }
    }
}
