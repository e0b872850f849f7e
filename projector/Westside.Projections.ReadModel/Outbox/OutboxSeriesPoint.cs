namespace Westside.Projections.ReadModel.Outbox;

// One point of the outbox chart: the largest pending count, oldest pending age and failed count seen
// in the bucket that starts at At.
public sealed record OutboxSeriesPoint(DateTimeOffset At, int Pending, double OldestPendingAgeSeconds, int Failed);
