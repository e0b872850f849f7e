using System.Globalization;

namespace Westside.Projections.ReadModel.Outbox;

// When the outbox is unhealthy: Warning once the oldest pending row is older than WarnAfter (or any row
// failed), Critical once it is older than CriticalAfter. Projector and dashboard read the same variables.
public sealed record OutboxHealthOptions(TimeSpan WarnAfter, TimeSpan CriticalAfter)
{
    public const string WarnVariable = "OUTBOX_WARN_AFTER_SECONDS";
    public const string CriticalVariable = "OUTBOX_CRITICAL_AFTER_SECONDS";

    public static OutboxHealthOptions Default { get; } = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1800));

    // Throws FormatException naming the variable when a value is malformed, out of range, or the
    // warning threshold is not below the critical one.
    public static OutboxHealthOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var warn = Seconds(read, WarnVariable, Default.WarnAfter);
        var critical = Seconds(read, CriticalVariable, Default.CriticalAfter);
        if (warn >= critical)
        {
            throw new FormatException(
                $"{WarnVariable} ({warn.TotalSeconds:0}) must be less than {CriticalVariable} ({critical.TotalSeconds:0}).");
        }

        return new OutboxHealthOptions(warn, critical);
    }

    private static TimeSpan Seconds(Func<string, string?> read, string name, TimeSpan fallback)
    {
        var text = read(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && seconds is >= 1 and <= 7 * 24 * 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{name} must be a whole number of seconds from 1 to 604800.");
    }
}
