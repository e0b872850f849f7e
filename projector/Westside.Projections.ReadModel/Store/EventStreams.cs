namespace Westside.Projections.ReadModel.Store;

// Where the events live in the store: Marten's event store (mt_events in the public schema), one stream
// per source entity, keyed "<source table>:<source key>" so that a reader gets the source table and key
// back from the stream id alone. Table names never contain ':'; keys may, so split at the first one.
public static class EventStreams
{
    public const string EventsTable = "mt_events";

    // Marten writes a "tombstone" event into the reserved numbers of a failed append: not ours, skipped.
    public const string TombstoneType = "tombstone";

    // Per-event header carrying the source snapshot time the event is as of (ISO 8601 text).
    public const string SnapshotHeader = "source_snapshot_at";

    public static string Key(string sourceTable, string sourceKey) => $"{sourceTable}:{sourceKey}";

    // The snapshot header's text (round-trip ISO 8601, as the appender writes it) as a time.
    public static DateTimeOffset ParseSnapshotAt(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

    public static (string SourceTable, string SourceKey) Parse(string streamKey)
    {
        var colon = streamKey.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new InvalidOperationException("An event stream key lacks its '<table>:<key>' form.");
        }

        return (streamKey[..colon], streamKey[(colon + 1)..]);
    }
}
