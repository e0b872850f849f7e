using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Westside.Projections.Benchmarks.Poll;

// Process CPU time and managed allocations. Process.TotalProcessorTime reads /proc/self/stat on Linux, in 10 ms ticks: too coarse
// for one poll, so each measurement reads both and the report shows the precise clock per poll and the
// coarse one summed over all rounds as a cross-check.
public static partial class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static (TimeSpan Precise, TimeSpan Coarse, long Allocated, int Collections) Now()
    {
        using var process = Process.GetCurrentProcess();
        return (Precise(), process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0));
    }

    private static TimeSpan Precise()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockProcessCpuTimeId, out var ts) != 0)
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        return TimeSpan.FromTicks((ts.Seconds * 1_000_000_000 + ts.Nanoseconds) / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec time);
}
