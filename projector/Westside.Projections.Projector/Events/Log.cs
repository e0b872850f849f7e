using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Events;

// Event store log messages: counts, sequence numbers and durations only.
internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Information, "Imported the previous engine's event log into Marten's event store: {Events} events (seq 1..{Head}) in {Streams} streams, original timestamps kept, in {DurationMs} ms; dropped the old events and log_head tables")]
    public static partial void LegacyLogImported(ILogger logger, long events, long head, long streams, long durationMs);

    [LoggerMessage(3202, LogLevel.Information, "Marten's event store schema checked and applied in {DurationMs} ms")]
    public static partial void SchemaApplied(ILogger logger, long durationMs);
}
