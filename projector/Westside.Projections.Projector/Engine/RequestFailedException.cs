namespace Westside.Projections.Projector.Engine;

// Thrown to Wolverine when serving a request failed, so that it retries the message and dead-letters it
// after the last attempt. The message is FailureText: no data values.
public sealed class RequestFailedException(long requestId, string error)
    : Exception($"Request {requestId} failed: {error}")
{
    public long RequestId { get; } = requestId;
}
