using Npgsql;

namespace Westside.Projections.Projector.Capture;

// The source side of a poll. CaptureAsync opens ONE `REPEATABLE READ READ ONLY` source transaction,
// finds what changed since the cursor stored in the store, and writes the new cursor and row images
// through the given store transaction, which the caller commits together with the events it appends
// and the documents it projects: a crash anywhere leaves cursor, log and documents consistent.
// Samplers run inside the same source snapshot.
public interface IChangeCapture
{
    Task<CaptureBatch> CaptureAsync(NpgsqlConnection store, NpgsqlTransaction storeTransaction, CancellationToken ct);

    // Re-snapshot the whole source: every row is compared with the stored image (changed rows and
    // removals become events, unchanged rows none). For when the log itself is suspect.
    Task<CaptureBatch> ResyncAsync(NpgsqlConnection store, NpgsqlTransaction storeTransaction, CancellationToken ct);
}
