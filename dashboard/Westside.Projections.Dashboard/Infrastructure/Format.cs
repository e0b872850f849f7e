namespace Westside.Projections.Dashboard.Infrastructure;

// Display formats, in one place so every page says times, ages and money the same way.
public static class Format
{
    public static string Clock(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("HH:mm:ss");

    public static string DateTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm");

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-dd");

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd");

    // "as of 14:02:07" today; with the date when it is another day.
    public static string Moment(DateTimeOffset at, DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).Date == TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).Date
            ? Clock(at)
            : DateTime(at);

    public static string Ago(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 90 ? $"{(int)age.TotalSeconds} s ago"
            : age.TotalMinutes < 90 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} d ago";
    }

    public static string Money(long cents) =>
        (cents < 0 ? "-$" : "$") + (Math.Abs(cents) / 100m).ToString("#,##0.00");

    public static string Percent(int part, int whole) => whole == 0 ? "–" : $"{Math.Round(100.0 * part / whole)}%";

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 1 ? $"{(int)span.TotalMilliseconds} ms"
        : span.TotalMinutes < 1 ? $"{span.TotalSeconds:0.#} s"
        : $"{(int)span.TotalMinutes} min {span.Seconds} s";
}
