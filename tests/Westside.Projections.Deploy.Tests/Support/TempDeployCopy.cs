using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests.Support;

// A throwaway copy of the real deployment files (docker-compose.yml, .env.example, ops/k8s), to break one
// thing in and see the guard catch it, with the line where it was broken.
public sealed class TempDeployCopy : IDisposable
{
    public TempDeployCopy()
    {
        Root = Directory.CreateTempSubdirectory("westside-deploy-guard-").FullName;
        File.Copy(RepoPaths.Combine("docker-compose.yml"), Path.Combine(Root, "docker-compose.yml"));
        File.Copy(RepoPaths.Combine(".env.example"), Path.Combine(Root, ".env.example"));
        CopyDirectory(RepoPaths.Combine("ops", "k8s"), Path.Combine(Root, "ops", "k8s"));
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    // Replaces the one line that contains `find` (trimmed match) and returns its 1-based line number.
    public int ReplaceLine(string relative, string find, string replacement)
    {
        var lines = File.ReadAllLines(PathOf(relative)).ToList();
        var matches = lines.Select((line, i) => (line, i)).Where(x => x.line.Contains(find, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"expected one line containing '{find}' in {relative}, found {matches.Count}");
        lines[matches[0].i] = replacement;
        File.WriteAllLines(PathOf(relative), lines);
        return matches[0].i + 1;
    }

    // Inserts lines after the first line that equals `after` (trimmed) and returns the 1-based line number of
    // the inserted line that contains `mark`.
    public int InsertAfter(string relative, string after, string mark, params string[] inserted)
    {
        var lines = File.ReadAllLines(PathOf(relative)).ToList();
        var index = lines.FindIndex(l => l.Trim() == after);
        Assert.True(index >= 0, $"no line '{after}' in {relative}");
        lines.InsertRange(index + 1, inserted);
        File.WriteAllLines(PathOf(relative), lines);
        var offset = Array.FindIndex(inserted, l => l.Contains(mark, StringComparison.Ordinal));
        Assert.True(offset >= 0, $"no inserted line contains '{mark}'");
        return index + 2 + offset;
    }

    public void Write(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
