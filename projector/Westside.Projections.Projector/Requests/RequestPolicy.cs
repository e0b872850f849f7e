namespace Westside.Projections.Projector.Requests;

// How often a failing request is tried before Wolverine dead-letters it (shown on /projections), and how
// soon the leader sees a new one (the queue's polling interval: pickup within it).
public static class RequestPolicy
{
    public const int MaxAttempts = 3;

    public static readonly TimeSpan[] RetryCooldowns = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    public static readonly TimeSpan QueuePolling = TimeSpan.FromMilliseconds(250);
}
