using System.Collections.Concurrent;
using System.Diagnostics;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Engine;

// The built projector (`dotnet projector.dll run`) as a real child process, for tests that kill it.
public sealed class ProjectorProcess : IDisposable
{
    private readonly Process _process;

    private ProjectorProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ProjectorProcess Start(SourceAndStore db, string store, int pollIntervalMs, string instance)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "projector.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "run"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["SOURCE_PGURL"] = db.SourceReadOnly;
        psi.Environment["STORE_PGURL"] = store;
        psi.Environment["POLL_INTERVAL_MS"] = $"{pollIntervalMs}";
        psi.Environment["PROJECTOR_INSTANCE"] = instance;
        var process = new Process { StartInfo = psi };
        var projector = new ProjectorProcess(process);
        process.OutputDataReceived += (_, e) => Add(projector, e.Data);
        process.ErrorDataReceived += (_, e) => Add(projector, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return projector;
    }

    // SIGKILL: no clean stop, no chance to finish or roll back anything.
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until || _process.HasExited)
            {
                throw new TimeoutException($"projector {Id} did not print '{text}':\n{string.Join("\n", Output)}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Add(ProjectorProcess projector, string? line)
    {
        if (line is not null)
        {
            projector.Output.Enqueue(line);
        }
    }
}
