namespace Westside.Projections.Dashboard.Features.Auth;

// What the 403 page shows: the staff member's own login name and subject id (their account, not a
// family's data), the role they lack, and the token for the sign-out form.
public sealed record DeniedView(string Username, string Subject, string RequiredRole, string AntiforgeryField, string AntiforgeryToken);
