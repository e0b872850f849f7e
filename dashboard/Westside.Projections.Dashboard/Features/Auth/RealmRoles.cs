using System.Security.Claims;
using System.Text.Json;

namespace Westside.Projections.Dashboard.Features.Auth;

// Keycloak's realm roles: { "realm_access": { "roles": ["admin", ...] } }. By default Keycloak puts them
// in the access token only; the realm export (ops/keycloak) adds a realm-role mapper that puts them in the
// ID token too, which is where the dashboard reads them, from the principal the handler built out of the
// validated ID token (with MapInboundClaims off, a JSON object claim arrives as its JSON text). The access
// token is never parsed: it may be opaque.
public static class RealmRoles
{
    public const string ClaimName = "realm_access";

    public static IReadOnlyList<string> From(ClaimsPrincipal idToken)
    {
        var claim = idToken.FindFirst(ClaimName);
        if (claim is null)
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(claim.Value);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("roles", out var roles)
                || roles.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            // A role mapper and the default "roles" scope may both list a role: presence counts, not number.
            return roles.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.String)
                .Select(r => r.GetString()!)
                .Where(r => r.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
