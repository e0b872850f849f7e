using Westside.Projections.Projector.Configuration;

namespace Westside.Projections.Projector.Commands;

public static class CheckCommand
{
    public static async Task<int> RunAsync(ProjectorSettings settings, CancellationToken ct)
    {
        var code = await StartupCheck.RunAsync(settings, Console.Out, ct);
        Console.WriteLine(code == ExitCodes.Ok ? "check passed" : $"check failed (exit {code})");
        return code;
    }
}
