namespace Westside.Projections.Dashboard.Features.Auth;

// Who did what is logged as the subject id (an opaque Keycloak user id): never a login name, a display
// name or an email, and never a token, code or nonce.
public static partial class AuthLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Signed in subject {Subject} (required role present: {HasRole})")]
    public static partial void SignedIn(ILogger logger, string subject, bool hasRole);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Denied subject {Subject} access to {Method} {Path}: the required role is missing")]
    public static partial void AccessDenied(ILogger logger, string subject, string method, string path);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Signed out subject {Subject} (provider sign-out: {ProviderSignOut})")]
    public static partial void SignedOut(ILogger logger, string subject, bool providerSignOut);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Rejected an ID token: {Check} check failed ({ExceptionType})")]
    public static partial void IdTokenRejected(ILogger logger, string check, string exceptionType);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "ID token signed with unknown key {KeyId}: fetching the provider's keys again (key rotation)")]
    public static partial void SigningKeyUnknown(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Session of subject {Subject} reached its absolute limit of {Hours} h: signed out")]
    public static partial void SessionLimitReached(ILogger logger, string subject, double hours);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Sign-in did not complete: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "The OpenID provider's discovery document could not be read ({ExceptionType}); signed out locally only")]
    public static partial void ProviderUnavailableAtSignOut(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Unauthenticated {Method} {Path}: {Outcome}")]
    public static partial void Unauthenticated(ILogger logger, string method, string path, string outcome);
}
