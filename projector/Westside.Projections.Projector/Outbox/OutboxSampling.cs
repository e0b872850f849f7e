using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// The result of one sampling: the samples (the "*" total first), whether they were written as a raw
// sample, the total's health, and what it cost the source: the wall time of the one batched read (plan,
// execution, transfer) and the processed rows it fetched for the latency ledger.
public sealed record OutboxSampling(
    IReadOnlyList<OutboxSample> Samples, bool Written, OutboxHealthReport Health, TimeSpan SourceTime, int ProcessedRowsRead)
{
    public OutboxSample Total => Samples[0];
}
