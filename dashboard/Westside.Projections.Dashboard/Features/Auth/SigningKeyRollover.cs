using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Westside.Projections.Dashboard.Features.Auth;

// Signing-key rollover. IdentityModel's ConfigurationManager (which the handler owns) refreshes discovery
// and the JWKS in the background when asked (RequestRefresh), at most once per RefreshInterval, and keeps
// answering with the cached keys until the fresh ones arrive. Left alone, the first sign-in after the
// provider rotates its key would fail. So when the ID token from the token endpoint names a key id the
// cache lacks, this asks for the refresh and waits (briefly) until the manager holds that key; the handler
// then validates the token against the fresh keys as usual. A key that never appears is still refused.
public static class SigningKeyRollover
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task EnsureKeyAsync(OpenIdConnectOptions options, string? idToken, ILogger logger, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(idToken) || options.ConfigurationManager is not { } manager)
        {
            return;
        }

        string kid;
        try
        {
            kid = new JsonWebToken(idToken).Kid;
        }
        catch (ArgumentException)
        {
            return; // not a JWT: the handler's validation refuses it
        }

        if (string.IsNullOrEmpty(kid) || Knows(await manager.GetConfigurationAsync(ct), kid))
        {
            return;
        }

        AuthLog.SigningKeyUnknown(logger, kid);
        manager.RequestRefresh();
        var waited = TimeSpan.Zero;
        while (waited < Patience)
        {
            await Task.Delay(Poll, ct);
            waited += Poll;
            if (Knows(await manager.GetConfigurationAsync(ct), kid))
            {
                return;
            }
        }
    }

    private static bool Knows(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration configuration, string kid) =>
        configuration.SigningKeys.Any(k => k.KeyId == kid);
}
