namespace Westside.Projections.Projector.Engine;

// Where a leader session takes requests from: opened when the session leads, closed before it lets go
// of the leader lock, so only the leader serves them (Requests/WolverineRequestInbox).
public interface IRequestInbox
{
    Task OpenAsync(LeaderSession session, CancellationToken ct);

    Task CloseAsync();
}
