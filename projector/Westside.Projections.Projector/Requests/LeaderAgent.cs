using JasperFx;
using Westside.Projections.Projector.Engine;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Westside.Projections.Projector.Requests;

// The projector's leadership as a Wolverine agent: one agent, run on the node that Wolverine's cluster
// elected its leader (Balanced mode, RequestServices). Wolverine starts it there and stops it before it
// starts it anywhere else; both only begin or end a term of this process's Leadership, which the engine
// follows.
public sealed class LeaderAgent(Leadership leadership) : IAgent
{
    public const string Scheme = "westside-projector";

    public static readonly Uri AgentUri = new($"{Scheme}://leader");

    public Uri Uri => AgentUri;

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    public string Description => "The projector's leader: capture, Marten's daemon and the request queue run where it runs.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        leadership.Begin();
        Status = AgentStatus.Running;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await leadership.EndAsync(cancellationToken);
        Status = AgentStatus.Stopped;
    }
}

// Wolverine's side of the agent: it exists once, on every projector node, and runs on the cluster's leader.
public sealed class LeaderAgentFamily(LeaderAgent agent) : IStaticAgentFamily
{
    public string Scheme => LeaderAgent.Scheme;

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() => new([LeaderAgent.AgentUri]);

    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => new([LeaderAgent.AgentUri]);

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime) =>
        uri == LeaderAgent.AgentUri
            ? new(agent)
            : throw new InvalidAgentException($"'{uri}' is not the projector's leader agent ({LeaderAgent.AgentUri}).");

    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        assignments.RunOnLeader(LeaderAgent.AgentUri);
        return ValueTask.CompletedTask;
    }
}
