namespace Westside.Projections.ReadModel.Outbox;

// One point of the outbox chart: the largest pending count, oldest pending age and failed count seen
// in the bucket that starts at At. Reconstructed: every value of the bucket was reconstructed from the
// rows' timestamps (before the sampler's first sample), none observed; such a point's Failed is 0, as
// the source does not record when a row failed.
public sealed record OutboxSeriesPoint(DateTimeOffset At, int Pending, double OldestPendingAgeSeconds, int Failed, bool Reconstructed = false);
