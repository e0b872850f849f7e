namespace Westside.Projections.Dashboard.Features.Outbox;

// The chart's time range: ?range=24h (default) or ?range=7d.
public sealed record OutboxRange(string Key, string Label, TimeSpan Span, TimeSpan Bucket, TimeSpan Tick)
{
    public static OutboxRange Day { get; } = new("24h", "24 hours", TimeSpan.FromDays(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(6));
    public static OutboxRange Week { get; } = new("7d", "7 days", TimeSpan.FromDays(7), TimeSpan.FromMinutes(30), TimeSpan.FromDays(1));

    public static IReadOnlyList<OutboxRange> All { get; } = [Day, Week];

    public static OutboxRange Parse(string? key) => key == Week.Key ? Week : Day;

    public string Url => this == Day ? "/outbox" : $"/outbox?range={Key}";
}
