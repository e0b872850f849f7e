using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Westside.Projections.Dashboard.Features.Auth;

// The absolute session limit needs the time of the sign-in itself. The cookie's IssuedUtc cannot serve:
// sliding expiration re-issues the ticket (and resets IssuedUtc) as the session is used.
public static class SessionLimit
{
    private const string SignedInKey = ".signed_in";

    public static void MarkSignedIn(AuthenticationProperties properties, DateTimeOffset at) =>
        properties.Items[SignedInKey] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInKey, out var value)
        && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    // A session without the mark is not one this dashboard issued: it has no limit to check, so it ends.
    public static bool IsOver(AuthenticationProperties properties, DateTimeOffset now, TimeSpan max) =>
        SignedInAt(properties) is not { } signedIn || now - signedIn > max || signedIn > now + OidcSignIn.ClockSkew;
}
