using Wolverine;

namespace Westside.Projections.Projector.Requests;

// How fast Wolverine's election runs (its defaults take about a minute to replace a dead leader). Every
// node writes its heartbeat and checks the cluster every HealthCheck, the first time right after start;
// a node silent for StaleNode is dropped. The leader re-checks where its agents run every
// CheckAssignments: a new leader first tries to stop the leader agent on the dead node, and only this
// re-check moves it on (every 10 s, a standby took over more than 10 s after a kill; every 2 s, 5.8-6.1 s).
// Checking the cluster every half second instead of every second slowed a restart on 2 cores by about
// a second (bench startup).
public static class ElectionTimings
{
    public static readonly TimeSpan HealthCheck = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan StaleNode = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan CheckAssignments = TimeSpan.FromSeconds(2);

    public static void Apply(DurabilitySettings durability)
    {
        durability.Mode = DurabilityMode.Balanced;
        durability.FirstHealthCheckExecution = TimeSpan.Zero;
        durability.HealthCheckPollingTime = HealthCheck;
        durability.StaleNodeTimeout = StaleNode;
        durability.CheckAssignmentPeriod = CheckAssignments;
    }
}
