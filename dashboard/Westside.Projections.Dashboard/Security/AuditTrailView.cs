namespace Westside.Projections.Dashboard.Security;

public sealed record AuditTrailView(IReadOnlyList<AuditEntry> Entries, string ViewerSubject);
