namespace Westside.Projections.Dashboard.Security;

// One privileged action: when, who (the subject id of the signed-in user, or "projector" for the
// projector's own entries, and the staff member's login name when known), what, and ids or counts about
// it (never a family's name, an email or a phone).
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Actor, string Action, IReadOnlyDictionary<string, string> Detail, string? ActorName = null)
{
    public string Who => ActorName ?? Actor;
}
