namespace Westside.Projections.Projector.Engine;

// One poll: committed with so many events up to the log head, or the capture failed (Error is
// FailureText) and nothing was written but the heartbeat's error.
public sealed record PollOutcome(bool Ok, int Events, long Head, TimeSpan Duration, string? Error)
{
    public static PollOutcome Committed(int events, long head, TimeSpan duration) => new(true, events, head, duration, null);

    public static PollOutcome Failed(string error, TimeSpan duration) => new(false, 0, 0, duration, error);
}
