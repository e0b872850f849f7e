namespace Westside.Projections.ReadModel.Outbox;

// The `data` of a reconstructed outbox_samples row: the pending count and oldest pending age at that
// instant as the source rows' timestamps tell them (the projector's OutboxHistory says what they cannot).
public sealed record OutboxReconstructedPoint(int Pending, double? OldestPendingAgeSeconds);
