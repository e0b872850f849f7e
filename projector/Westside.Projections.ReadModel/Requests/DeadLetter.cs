namespace Westside.Projections.ReadModel.Requests;

// A request message Wolverine gave up on after its last attempt. MessageType is the message's short
// name; Error is the handler's exception message (FailureText: no data values).
public sealed record DeadLetter(Guid Id, string MessageType, string? ErrorType, string? Error, DateTimeOffset? SentAt);
