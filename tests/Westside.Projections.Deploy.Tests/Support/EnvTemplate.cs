using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests.Support;

// .env.example: KEY=value lines (comments and blank lines skipped).
public static class EnvTemplate
{
    public static IReadOnlyDictionary<string, string> Load() =>
        File.ReadAllLines(RepoPaths.Combine(".env.example"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
