namespace Westside.Projections.ReadModel.Projections.Shared;

// Sort keys compare ordinally (the store orders by sort_key): fixed-width numbers first, so that
// "most actionable first" is plain ascending order; names lower-cased; parts joined by a space,
// which sorts below every letter and digit ("ann" before "anna").
public static class SortKeys
{
    private const long MaxCount = 999_999_999;

    public static string Join(params string[] parts) => string.Join(' ', parts);

    public static string Ascending(long value) => Math.Clamp(value, 0, MaxCount).ToString("D9");

    // Larger values first.
    public static string Descending(long value) => (MaxCount - Math.Clamp(value, 0, MaxCount)).ToString("D9");

    public static string Id(long id) => Math.Max(id, 0).ToString("D12");

    public static string Time(DateTimeOffset at) => at.UtcTicks.ToString("D19");

    // Newer first.
    public static string TimeDescending(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19");

    public static string Day(DateOnly day) => day.DayNumber.ToString("D7");

    public static string DayDescending(DateOnly day) => (DateOnly.MaxValue.DayNumber - day.DayNumber).ToString("D7");

    public static string Text(params string?[] parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p))).ToLowerInvariant();
}
