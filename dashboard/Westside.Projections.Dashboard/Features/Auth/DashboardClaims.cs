using System.Security.Claims;

namespace Westside.Projections.Dashboard.Features.Auth;

// The claims a dashboard session carries (built by OidcEvents from the validated ID token): the subject id, the login name, the
// display name and the realm roles. No email and no phone: the session needs none.
public static class DashboardClaims
{
    public const string AuthenticationType = "oidc";
    public const string Subject = "sub";
    public const string Username = "preferred_username";
    public const string Name = "name";
    public const string Role = "role";

    // What logs and the audit log record: an opaque id, never a name.
    public static string SubjectId(this ClaimsPrincipal user) =>
        user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";

    // The staff member's login (e.g. "marcus"), shown on the 403 page and beside their actions; never logged.
    public static string LoginName(this ClaimsPrincipal user) =>
        user.FindFirst(Username)?.Value ?? user.SubjectId();
}
