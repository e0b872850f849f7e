using Wolverine;

namespace Westside.Projections.Projector.Requests;

// How fast Wolverine's election runs (its defaults take about a minute to replace a dead leader). Every
// node writes its heartbeat and checks the cluster every HealthCheck, the first time right after start;
// a node silent for StaleNode is dropped, and the leader agent it ran moves to the new leader. A dead
// leader's advisory lock goes with its connection, so a standby leads within about StaleNode plus a check.
public static class ElectionTimings
{
    public static readonly TimeSpan HealthCheck = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan StaleNode = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan CheckAssignments = TimeSpan.FromSeconds(10);

    public static void Apply(DurabilitySettings durability)
    {
        durability.Mode = DurabilityMode.Balanced;
        durability.FirstHealthCheckExecution = TimeSpan.Zero;
        durability.HealthCheckPollingTime = HealthCheck;
        durability.StaleNodeTimeout = StaleNode;
        durability.CheckAssignmentPeriod = CheckAssignments;
    }
}
