namespace Westside.Projections.Dashboard.Security;

// One privileged action: when, who (the subject id of the signed-in user, or "projector" for the
// projector's own entries), what, and ids or counts about it (never a name, an email or a phone).
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, IReadOnlyDictionary<string, string> Detail);
