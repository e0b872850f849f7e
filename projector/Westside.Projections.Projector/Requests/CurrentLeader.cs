using Westside.Projections.Projector.Engine;

namespace Westside.Projections.Projector.Requests;

// The leader session of this process, while it leads: what the request handlers serve through.
public sealed class CurrentLeader
{
    private volatile LeaderSession? _session;

    public LeaderSession Session => _session ?? throw new NotLeadingException();

    internal void Set(LeaderSession? session) => _session = session;
}
