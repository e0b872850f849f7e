using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// The result of one sampling: the samples (the "*" total first), whether they were written as a raw
// sample, and the total's health.
public sealed record OutboxSampling(IReadOnlyList<OutboxSample> Samples, bool Written, OutboxHealthReport Health)
{
    public OutboxSample Total => Samples[0];
}
