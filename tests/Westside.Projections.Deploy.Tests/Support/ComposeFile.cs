using System.Text.RegularExpressions;
using Westside.Projections.Testing;
using YamlDotNet.RepresentationModel;

namespace Westside.Projections.Deploy.Tests.Support;

// docker-compose.yml, as written (before variable interpolation).
public sealed partial class ComposeFile
{
    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static ComposeFile Load() => new(Yaml.LoadMapping(RepoPaths.Combine("docker-compose.yml")));

    public IReadOnlyList<string> ServiceNames => Root.Get("services").Keys();

    public YamlNode Service(string name) =>
        Root.At("services", name) ?? throw new InvalidOperationException($"docker-compose.yml has no service {name}");

    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Service(service).Get("environment").Entries().ToDictionary(e => e.Key, e => e.Value.Text() ?? "");

    // Variables compose must be given, from ${NAME:?message} / ${NAME?message}.
    public IReadOnlySet<string> RequiredVariables() => Variables(RequiredPattern());

    // Every variable the file interpolates.
    public IReadOnlySet<string> AllVariables() => Variables(AnyPattern());

    private IReadOnlySet<string> Variables(Regex pattern) =>
        pattern.Matches(File.ReadAllText(RepoPaths.Combine("docker-compose.yml"))).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):?\?")]
    private static partial Regex RequiredPattern();

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex AnyPattern();
}
