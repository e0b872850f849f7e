using System.Diagnostics;
using System.Globalization;

namespace Westside.Projections.Benchmarks.Runtime;

// One `projector run` process of a built projector (any commit's Release output), with its output watched
// for the line that says its documents are current with the log ("State loaded" before Marten's daemon)
// and its memory read from /proc while it runs. Stopped with SIGTERM.
public sealed class ProjectorProcess : IAsyncDisposable
{
    // The engine before Marten's daemon logged the first; the daemon's leader logs the second.
    private static readonly string[] StateLoadedLines = ["State loaded from the event log", "Documents current with the log"];

    private readonly Process _process;
    private readonly TaskCompletionSource<TimeSpan> _stateLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _tail = [];

    private ProjectorProcess(Process process)
    {
        _process = process;
    }

    public Task<TimeSpan> StateLoaded => _stateLoaded.Task;

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public static ProjectorProcess Start(string dll, string source, string store, string instance)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "run" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["SOURCE_PGURL"] = source;
        info.Environment["STORE_PGURL"] = store;
        info.Environment["PROJECTOR_INSTANCE"] = instance;
        var process = new Process { StartInfo = info };
        var started = new ProjectorProcess(process);
        process.OutputDataReceived += (_, e) => started.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => started.OnLine(e.Data);
        process.Start();
        started._clock.Restart();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    // Resident and peak resident memory (VmRSS, VmHWM) in MB, from /proc.
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        return (Kilobytes(status, "VmRSS:") / 1024.0, Kilobytes(status, "VmHWM:") / 1024.0);
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (StateLoadedLines.Any(l => line.Contains(l, StringComparison.Ordinal)))
        {
            _stateLoaded.TrySetResult(_clock.Elapsed);
        }

        lock (_tail)
        {
            _tail.Add(line);
            if (_tail.Count > 60)
            {
                _tail.RemoveAt(0);
            }
        }
    }

    private static long Kilobytes(string[] status, string field) =>
        status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
}
