namespace Westside.Projections.ReadModel.Outbox;

public enum OutboxHealthState
{
    Ok,
    Warning,
    Critical,
}
