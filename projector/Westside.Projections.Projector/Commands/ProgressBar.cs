using System.Globalization;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Commands;

// Text rendering of RebuildProgress for the CLI.
public static class ProgressBar
{
    public static string Render(RebuildProgress p, int width = 30)
    {
        var filled = (int)Math.Round(width * Math.Clamp(p.Percent, 0, 100) / 100);
        return $"[{new string('#', filled)}{new string('-', width - filled)}] {p.Percent,5:0.0}%  {Describe(p)}";
    }

    public static string Describe(RebuildProgress p)
    {
        var counts = p.Phase switch
        {
            "replaying" => $"{N(p.EventsDone)}/{N(p.EventsTotal)} events",
            "writing" => $"{N(p.DocumentsDone)}/{N(p.DocumentsTotal)} documents",
            _ => $"{N(p.EventsDone)}/{N(p.EventsTotal)} events",
        };
        var unit = p.Phase == "writing" ? "docs/s" : "events/s";
        var eta = p.EtaSeconds is { } s ? $"  ETA {s:0.0} s" : "";
        return $"{p.Phase} {counts}  {N((long)p.RatePerSecond)} {unit}{eta}";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
