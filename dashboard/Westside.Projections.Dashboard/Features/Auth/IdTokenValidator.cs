using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Westside.Projections.Dashboard.Features.Auth;

public enum IdTokenFailure
{
    Malformed,
    Signature,
    Algorithm,
    Issuer,
    Audience,
    AuthorizedParty,
    Lifetime,
    Nonce,
    NonceReplayed,
    MissingSubject,
    Invalid,
}

public sealed record IdTokenValidation(ClaimsIdentity? Identity, IdTokenFailure? Failure, DateTimeOffset ExpiresAt)
{
    public bool Succeeded => Identity is not null;
}

// Validates the ID token from the token response (OpenID Connect Core §3.1.3.7): signature against the
// provider's JWKS, issuer = the discovery issuer, audience = our client id (and azp when present), lifetime
// with a small clock skew, and the nonce we sent, used once. Then builds the session's identity.
public sealed class IdTokenValidator(
    OidcConfigurationSource configuration,
    IOptions<OidcOptions> options,
    NonceReplayCache nonces,
    ILogger<IdTokenValidator> logger)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // Asymmetric algorithms only: never "none", never HS* (which would take the client secret as the key).
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<IdTokenValidation> ValidateAsync(string idToken, string expectedNonce, CancellationToken ct)
    {
        string? kid;
        try
        {
            kid = new JsonWebToken(idToken).Kid;
        }
        catch (ArgumentException)
        {
            return Reject(IdTokenFailure.Malformed, DateTimeOffset.MinValue);
        }

        var config = await configuration.GetAsync(ct);
        if (!string.IsNullOrEmpty(kid) && !config.SigningKeys.Any(k => k.KeyId == kid))
        {
            // Key rotation: the provider signs with a key we have not cached yet.
            AuthLog.SigningKeyUnknown(logger, kid);
            config = await configuration.FetchFreshAsync(ct);
        }

        var result = await _handler.ValidateTokenAsync(idToken, Parameters(config));
        if (!result.IsValid)
        {
            return Reject(Classify(result.Exception), DateTimeOffset.MinValue, result.Exception);
        }

        var token = (JsonWebToken)result.SecurityToken;
        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        var clientId = options.Value.ClientId;
        var audiences = token.Audiences.ToList();
        var azp = token.TryGetPayloadValue<string>("azp", out var party) ? party : null;
        if ((audiences.Count > 1 || azp is not null) && azp != clientId)
        {
            return Reject(IdTokenFailure.AuthorizedParty, expires);
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !FixedTimeEquals(nonce, expectedNonce))
        {
            return Reject(IdTokenFailure.Nonce, expires);
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            return Reject(IdTokenFailure.MissingSubject, expires);
        }

        if (!nonces.TryUse(nonce, expires + ClockSkew))
        {
            return Reject(IdTokenFailure.NonceReplayed, expires);
        }

        return new IdTokenValidation(Identity(token), null, expires);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration config) => new()
    {
        ValidIssuer = config.Issuer,
        ValidAudience = options.Value.ClientId,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = Algorithms,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        // A token that names a key id must be checked with that key, not with whichever key happens to verify.
        TryAllIssuerSigningKeys = false,
        ClockSkew = ClockSkew,
    };

    private static ClaimsIdentity Identity(JsonWebToken token)
    {
        var identity = new ClaimsIdentity(DashboardClaims.AuthenticationType, DashboardClaims.Username, DashboardClaims.Role);
        identity.AddClaim(new Claim(DashboardClaims.Subject, token.Subject));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, token.Subject));
        if (token.TryGetPayloadValue<string>(DashboardClaims.Username, out var username) && !string.IsNullOrEmpty(username))
        {
            identity.AddClaim(new Claim(DashboardClaims.Username, username));
        }

        if (token.TryGetPayloadValue<string>(DashboardClaims.Name, out var name) && !string.IsNullOrEmpty(name))
        {
            identity.AddClaim(new Claim(DashboardClaims.Name, name));
        }

        foreach (var role in RealmRoles.From(token))
        {
            identity.AddClaim(new Claim(DashboardClaims.Role, role));
        }

        return identity;
    }

    private static IdTokenFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => IdTokenFailure.Algorithm,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => IdTokenFailure.Signature,
        SecurityTokenInvalidIssuerException => IdTokenFailure.Issuer,
        SecurityTokenInvalidAudienceException => IdTokenFailure.Audience,
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            or SecurityTokenInvalidLifetimeException => IdTokenFailure.Lifetime,
        SecurityTokenMalformedException => IdTokenFailure.Malformed,
        _ => IdTokenFailure.Invalid,
    };

    // The log names the check that failed and the exception type; never a claim value.
    private IdTokenValidation Reject(IdTokenFailure failure, DateTimeOffset expires, Exception? exception = null)
    {
        AuthLog.IdTokenRejected(logger, failure.ToString(), exception?.GetType().Name ?? "none");
        return new IdTokenValidation(null, failure, expires);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
