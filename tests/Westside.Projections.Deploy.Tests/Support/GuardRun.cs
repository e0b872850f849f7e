using System.Diagnostics;
using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests.Support;

// One run of ops/deploy-guard: exit code and the offences it printed (stdout, one `file:line: message` per line).
public sealed record GuardRun(int ExitCode, IReadOnlyList<string> Offences, string Error)
{
    public static async Task<GuardRun> RunAsync(params string[] paths)
    {
        var start = new ProcessStartInfo(RepoPaths.Combine("ops", "deploy-guard"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ops/deploy-guard did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var offences = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new GuardRun(process.ExitCode, offences, await error);
    }

    public override string ToString() => $"exit {ExitCode}\n{string.Join('\n', Offences)}\n{Error}";
}
