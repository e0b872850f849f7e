using Npgsql;

namespace Westside.Projections.Projector.Capture;

// Reads something from the source inside the poll's snapshot and records it in the store
// transaction of the poll (the outbox sampler is one).
public interface ISnapshotSampler
{
    Task SampleAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction storeTransaction,
        DateTimeOffset snapshotAt, CancellationToken ct);
}
