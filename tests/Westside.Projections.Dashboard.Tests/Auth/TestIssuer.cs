using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Westside.Projections.Dashboard.Tests.Auth;

// An OpenID provider in memory for the ID-token tests: its own RSA keys, a discovery document and a JWKS
// served through IdentityModel's IDocumentRetriever seam (so the real ConfigurationManager parses them),
// and tokens minted on demand, correct or broken in one chosen way.
public sealed class TestIssuer : IDocumentRetriever
{
    public const string Issuer = "https://sso.test/realms/westside-basketball";
    public const string ClientId = "westside-dashboard";
    public const string Subject = "6f1c2a8e-4b7d-4c1e-9a53-0d2f7b9e1a01";

    private static readonly ConcurrentDictionary<string, RsaSecurityKey> Keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private int _fetches;

    public TestIssuer()
    {
        Key = NewKey("key-1");
        _documents[Issuer + "/.well-known/openid-configuration"] = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/protocol/openid-connect/auth",
            ["token_endpoint"] = Issuer + "/protocol/openid-connect/token",
            ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
            ["end_session_endpoint"] = Issuer + "/protocol/openid-connect/logout",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        });
        Publish(Key);
    }

    public RsaSecurityKey Key { get; }

    public int JwksFetches => _fetches;

    // RSA key generation is slow on a busy machine: one key per name for the whole run (keys are immutable).
    public static RsaSecurityKey NewKey(string kid) => Keys.GetOrAdd(kid, k => new RsaSecurityKey(RSA.Create(2048)) { KeyId = k });

    // The JWKS now holds exactly these keys (public parts only).
    public void Publish(params RsaSecurityKey[] keys)
    {
        var jwks = keys.Select(k =>
        {
            var p = k.Rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = k.KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
        });
        _documents[Issuer + "/protocol/openid-connect/certs"] = JsonSerializer.Serialize(new { keys = jwks });
    }

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (address.EndsWith("/certs", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _fetches);
        }

        return _documents.TryGetValue(address, out var document)
            ? Task.FromResult(document)
            : throw new IOException($"no document at {address}");
    }

    public sealed record TokenSpec
    {
        public string Issuer { get; init; } = TestIssuer.Issuer;
        public IReadOnlyList<string> Audiences { get; init; } = [ClientId];
        public string? AuthorizedParty { get; init; } = ClientId;
        public string Subject { get; init; } = TestIssuer.Subject;
        public string? Nonce { get; init; } = "nonce-1";
        public IReadOnlyList<string> Roles { get; init; } = ["admin", "default-roles-westside-basketball"];
        public DateTime IssuedAt { get; init; } = DateTime.UtcNow.AddSeconds(-5);
        public DateTime Expires { get; init; } = DateTime.UtcNow.AddMinutes(5);
        public SigningCredentials? Signing { get; init; }
    }

    public string Mint(TokenSpec spec)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = spec.Subject,
            ["preferred_username"] = "marcus",
            ["name"] = "Marcus Draney",
            ["email"] = "marcus@westside.example",
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = spec.Roles.ToArray() },
            ["aud"] = spec.Audiences.Count == 1 ? spec.Audiences[0] : spec.Audiences.ToArray(),
        };
        if (spec.Nonce is not null)
        {
            claims["nonce"] = spec.Nonce;
        }

        if (spec.AuthorizedParty is not null)
        {
            claims["azp"] = spec.AuthorizedParty;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Claims = claims,
            IssuedAt = spec.IssuedAt,
            NotBefore = spec.IssuedAt,
            Expires = spec.Expires,
            SigningCredentials = spec.Signing ?? new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public string Mint() => Mint(new TokenSpec());
}
