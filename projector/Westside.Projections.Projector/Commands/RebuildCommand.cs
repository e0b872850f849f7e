using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Commands;

// `projector rebuild <projection|all>`.
public static class RebuildCommand
{
    public static async Task<int> RunAsync(ProjectorSettings settings, string[] args, CancellationToken ct)
    {
        var names = ProjectionCatalog.All.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (args.Length != 2 || (args[1] != RebuildRequest.All && !names.Contains(args[1])))
        {
            Console.Error.WriteLine("usage: projector rebuild <projection|all>");
            Console.Error.WriteLine($"projections: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}");
            return ExitCodes.Usage;
        }

        return await RequestCommand.RunAsync(settings, RebuildRequest.Rebuild, args[1], Console.Out, ct);
    }
}
