using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Dashboard.Features.Outbox;

// The outbox health thresholds (OUTBOX_WARN_AFTER_SECONDS, OUTBOX_CRITICAL_AFTER_SECONDS): the same
// variables and defaults as the projector's, so page, Today and /healthz judge as the projector logs.
public sealed class OutboxOptions
{
    public OutboxHealthOptions Health { get; set; } = OutboxHealthOptions.Default;

    public string? Problem { get; set; }
}
