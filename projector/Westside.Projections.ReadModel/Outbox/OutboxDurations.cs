using System.Globalization;

namespace Westside.Projections.ReadModel.Outbox;

// Durations as a phone shows them: "0.8 s", "4 s", "45 s", "47 min", "5 h 3 min", "3 d 4 h".
// Minutes and longer round down: "oldest 47 min" means at least 47 minutes.
public static class OutboxDurations
{
    public static string Format(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = 0;
        }

        if (seconds < 10)
        {
            var rounded = Math.Round(seconds, 1, MidpointRounding.AwayFromZero);
            return rounded == Math.Floor(rounded)
                ? $"{rounded.ToString("0", CultureInfo.InvariantCulture)} s"
                : $"{rounded.ToString("0.0", CultureInfo.InvariantCulture)} s";
        }

        if (seconds < 60)
        {
            return $"{Math.Floor(seconds):0} s";
        }

        var whole = TimeSpan.FromSeconds(Math.Floor(seconds));
        if (whole.TotalHours < 1)
        {
            return $"{whole.Minutes} min";
        }

        if (whole.TotalDays < 1)
        {
            return whole.Minutes == 0 ? $"{whole.Hours} h" : $"{whole.Hours} h {whole.Minutes} min";
        }

        return whole.Hours == 0 ? $"{whole.Days} d" : $"{whole.Days} d {whole.Hours} h";
    }
}
