using System.Text.Json.Serialization;

namespace Westside.Projections.ReadModel.Outbox;

// What the projector saw of basketball-api's outbox for one event type (or for all of them, EventType
// "*") in one source snapshot. Ages are snapshot time - created_at; latencies are processed_at -
// created_at of rows processed in the last hour / day before the snapshot. Error texts are truncated
// and scrubbed of contact data before they get here. Stored as the `data` of an outbox_samples row.
public sealed record OutboxSample(
    string EventType,
    DateTimeOffset SampledAt,
    int Pending,
    double? OldestPendingAgeSeconds,
    int Retrying,
    int Failed,
    IReadOnlyDictionary<string, int> Attempts,
    OutboxLatency LatencyHour,
    OutboxLatency LatencyDay,
    IReadOnlyDictionary<string, int> ProcessedAttemptsDay,
    IReadOnlyList<OutboxRowSample> Errors,
    IReadOnlyList<OutboxRowSample> OldestPending)
{
    // The event type of the row that sums up every event type; it alone carries the row lists.
    public const string AllTypes = "*";

    [JsonIgnore]
    public bool IsTotal => EventType == AllTypes;
}
