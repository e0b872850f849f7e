using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Engine;

// Engine log messages: ids, counts, durations, generations, projection names and FailureText only —
// never source values (names, emails, phones of families and minors).
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Standing by: this projector leads when Wolverine's election makes it the leader (instance {Instance})")]
    public static partial void StandingBy(ILogger logger, string instance);

    [LoggerMessage(3002, LogLevel.Information, "Leader lock acquired: Wolverine elected this projector (instance {Instance}, store backend {BackendPid})")]
    public static partial void BecameLeader(ILogger logger, string instance, int backendPid);

    [LoggerMessage(3003, LogLevel.Warning, "Leader session ended ({Error}); retrying in {DelayMs} ms")]
    public static partial void SessionEnded(ILogger logger, string error, long delayMs);

    [LoggerMessage(3004, LogLevel.Information, "The log is empty: {Stories} new stories read their Marten tables at once")]
    public static partial void MovedOnEmptyLog(ILogger logger, int stories);

    [LoggerMessage(3005, LogLevel.Information, "Batch committed: {Events} events, log head {Head}, {ElapsedMs} ms")]
    public static partial void BatchCommitted(ILogger logger, int events, long head, long elapsedMs);

    [LoggerMessage(3006, LogLevel.Warning, "Source poll failed ({Error}); backing off {DelayMs} ms (consecutive failures: {Failures})")]
    public static partial void SourceBackoff(ILogger logger, string error, long delayMs, int failures);

    [LoggerMessage(3007, LogLevel.Information, "Source reachable again after {Failures} failed polls")]
    public static partial void SourceRecovered(ILogger logger, int failures);

    [LoggerMessage(3008, LogLevel.Information, "Recovered from the previous leader: {Requests} requests back to pending (their messages are redelivered), {Rebuilds} interrupted rebuilds abandoned")]
    public static partial void Recovered(ILogger logger, int requests, int rebuilds);

    [LoggerMessage(3009, LogLevel.Information, "Projection {Projection} has no Marten table yet (engine checkpoint {Checkpoint}): queued its build")]
    public static partial void ProjectionBehind(ILogger logger, string projection, long checkpoint);

    [LoggerMessage(3010, LogLevel.Information, "Rebuild started: {Projections} projections from {Head} events")]
    public static partial void RebuildStarted(ILogger logger, int projections, long head);

    [LoggerMessage(3011, LogLevel.Information, "Rebuild completed: {Projection} now reads generation {Generation} at checkpoint {Checkpoint} ({ElapsedMs} ms)")]
    public static partial void RebuildCompleted(ILogger logger, string projection, int generation, long checkpoint, long elapsedMs);

    [LoggerMessage(3012, LogLevel.Error, "Rebuild failed ({Error}); the live generation is unchanged")]
    public static partial void RebuildFailed(ILogger logger, string error);

    [LoggerMessage(3013, LogLevel.Warning, "Could not abandon a rebuild's generation ({Error}); the next leader will")]
    public static partial void RebuildCleanupFailed(ILogger logger, string error);

    [LoggerMessage(3014, LogLevel.Warning, "Request {RequestId} rejected: {Reason}")]
    public static partial void RequestRejected(ILogger logger, long requestId, string reason);

    [LoggerMessage(3015, LogLevel.Information, "Resync {RequestId}: {Events} events appended")]
    public static partial void ResyncCompleted(ILogger logger, long requestId, int events);

    [LoggerMessage(3016, LogLevel.Warning, "Request {RequestId} failed on attempt {Attempt} of {MaxAttempts} ({Error})")]
    public static partial void RequestAttemptFailed(ILogger logger, long requestId, int attempt, int maxAttempts, string error);

    [LoggerMessage(3017, LogLevel.Warning, "The store has projection {Projection} that this projector does not know; it is left as it is")]
    public static partial void UnknownProjection(ILogger logger, string projection);

    [LoggerMessage(3018, LogLevel.Error, "Could not record the outcome of request {RequestId} ({Error})")]
    public static partial void RequestFinishFailed(ILogger logger, long requestId, string error);

    [LoggerMessage(3019, LogLevel.Information, "Projector stopped (instance {Instance})")]
    public static partial void Stopped(ILogger logger, string instance);

    [LoggerMessage(3020, LogLevel.Information, "Requests recorded without a message (the old queue, an older dashboard): {Count} messages sent")]
    public static partial void UnsentRequestsSent(ILogger logger, int count);

    [LoggerMessage(3022, LogLevel.Information, "Documents {Behind} events behind the log head {Head}: building every story in bulk to the head instead of through the daemon (catch-up)")]
    public static partial void CatchingUp(ILogger logger, long behind, long head);

    [LoggerMessage(3023, LogLevel.Information, "The log is empty: Marten's daemon starts after the first poll")]
    public static partial void DaemonAfterFirstPoll(ILogger logger);

    [LoggerMessage(3025, LogLevel.Information, "Elected, but the replaced leader still holds the leader lock; retrying every {RetryMs} ms")]
    public static partial void WaitingForFence(ILogger logger, long retryMs);

    [LoggerMessage(3026, LogLevel.Information, "No longer the leader: Wolverine moved the leader agent (instance {Instance})")]
    public static partial void TermEnded(ILogger logger, string instance);

    [LoggerMessage(3024, LogLevel.Warning, "A rebuild switched, but Marten's daemon did not resume over its tables ({Error}); the leader session restarts")]
    public static partial void ResumeAfterSwitchFailed(ILogger logger, string error);
}
