namespace Westside.Projections.ReadModel.Store;

// Everything `projector status` and the dashboard's admin page show, read together.
public sealed record StoreStatus(long LogHead, HeartbeatStatus Heartbeat, IReadOnlyList<ProjectionStatus> Projections);
