using System.Text.RegularExpressions;

namespace Westside.Projections.Deploy.Tests.Support;

public sealed record DockerInstruction(string Keyword, string Arguments, int Line);

public sealed record DockerStage(string From, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();
}

// Just enough of the Dockerfile grammar for the rules we check: comments, line continuations, and
// instructions grouped into stages by FROM.
public sealed partial record Dockerfile(string Path, IReadOnlyList<DockerStage> Stages)
{
    public DockerStage Final => Stages[^1];

    public IEnumerable<DockerInstruction> All(string keyword) => Stages.SelectMany(s => s.All(keyword));

    public static Dockerfile Load(string path)
    {
        var stages = new List<(string From, List<DockerInstruction> Instructions)>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                text = text[..^1].TrimEnd() + " " + (next.StartsWith('#') ? "" : next);
            }

            var match = InstructionPattern().Match(text);
            if (!match.Success)
            {
                throw new FormatException($"{path}:{start + 1}: not an instruction: {text}");
            }

            var instruction = new DockerInstruction(match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim(), start + 1);
            if (instruction.Keyword == "FROM")
            {
                stages.Add((instruction.Arguments, []));
            }
            else if (stages.Count == 0)
            {
                if (instruction.Keyword != "ARG")
                {
                    throw new FormatException($"{path}:{start + 1}: {instruction.Keyword} before the first FROM");
                }
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new Dockerfile(path, stages.Select(s => new DockerStage(s.From, s.Instructions)).ToList());
    }

    // KEY=value pairs of ENV/ARG (also the legacy `ENV KEY value` form); a missing value is null.
    public static IEnumerable<(string Name, string? Value)> Assignments(DockerInstruction instruction)
    {
        if (instruction.Keyword == "ENV" && !instruction.Arguments.Contains('=', StringComparison.Ordinal))
        {
            var parts = instruction.Arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            yield return (parts[0], parts.Length > 1 ? parts[1] : null);
            yield break;
        }

        foreach (Match m in AssignmentPattern().Matches(instruction.Arguments))
        {
            yield return (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null);
        }
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)(?:=(""[^""]*""|'[^']*'|\S*))?")]
    private static partial Regex AssignmentPattern();
}
