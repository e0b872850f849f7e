using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Westside.Projections.Dashboard.Features.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The ID token from the token response is the only proof of who signed in: each check must hold on its own.
public sealed class IdTokenValidatorTests
{
    private readonly TestIssuer _issuer = new();
    private readonly NonceReplayCache _nonces = new(TimeProvider.System);
    private readonly IdTokenValidator _validator;

    public IdTokenValidatorTests()
    {
        _validator = new IdTokenValidator(
            new OidcConfigurationSource(TestIssuer.Issuer, _issuer),
            Options.Create(new OidcOptions { Authority = TestIssuer.Issuer, ClientId = TestIssuer.ClientId }),
            _nonces,
            NullLogger<IdTokenValidator>.Instance);
    }

    private Task<IdTokenValidation> Validate(string token, string nonce = "nonce-1") =>
        _validator.ValidateAsync(token, nonce, CancellationToken.None);

    [Fact]
    public async Task A_correct_token_signs_in_with_subject_login_name_and_realm_roles_and_nothing_else()
    {
        var result = await Validate(_issuer.Mint());

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var user = new ClaimsPrincipal(result.Identity!);
        Assert.Equal(TestIssuer.Subject, user.SubjectId());
        Assert.Equal("marcus", user.Identity!.Name);
        Assert.True(user.IsInRole("admin"));
        Assert.True(user.IsInRole("default-roles-westside-basketball"));
        // The session carries no email, even though the token has one.
        Assert.DoesNotContain(user.Claims, c => c.Value.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_providers_key_id_is_rejected()
    {
        var forged = new RsaSecurityKey(TestIssuer.NewKey("x").Rsa) { KeyId = _issuer.Key.KeyId };
        var token = _issuer.Mint(new TestIssuer.TokenSpec { Signing = new SigningCredentials(forged, SecurityAlgorithms.RsaSha256) });

        var result = await Validate(token);

        Assert.Equal(IdTokenFailure.Signature, result.Failure);
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_rejected()
    {
        var parts = _issuer.Mint(new TestIssuer.TokenSpec { Roles = ["coach"] }).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"coach\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var result = await Validate(tampered);

        Assert.Equal(IdTokenFailure.Signature, result.Failure);
    }

    [Fact]
    public async Task A_token_for_another_client_is_rejected()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec { Audiences = ["another-client"], AuthorizedParty = null }));

        Assert.Equal(IdTokenFailure.Audience, result.Failure);
    }

    [Fact]
    public async Task A_token_for_us_and_another_client_but_authorized_for_the_other_is_rejected()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec
        {
            Audiences = [TestIssuer.ClientId, "another-client"],
            AuthorizedParty = "another-client",
        }));

        Assert.Equal(IdTokenFailure.AuthorizedParty, result.Failure);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec { Issuer = "https://sso.test/realms/another-realm" }));

        Assert.Equal(IdTokenFailure.Issuer, result.Failure);
    }

    [Fact]
    public async Task An_expired_token_is_rejected_beyond_the_clock_skew()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec
        {
            IssuedAt = DateTime.UtcNow.AddMinutes(-10),
            Expires = DateTime.UtcNow - IdTokenValidator.ClockSkew - TimeSpan.FromSeconds(30),
        }));

        Assert.Equal(IdTokenFailure.Lifetime, result.Failure);
    }

    [Fact]
    public async Task A_token_issued_for_another_sign_in_attempt_is_rejected_by_its_nonce()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec { Nonce = "nonce-of-another-attempt" }));

        Assert.Equal(IdTokenFailure.Nonce, result.Failure);
    }

    [Fact]
    public async Task A_token_without_a_nonce_is_rejected()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec { Nonce = null }));

        Assert.Equal(IdTokenFailure.Nonce, result.Failure);
    }

    [Fact]
    public async Task A_replayed_nonce_is_rejected_the_second_time()
    {
        var token = _issuer.Mint();

        var first = await Validate(token);
        var replay = await Validate(token);
        var sameNonceNewToken = await Validate(_issuer.Mint());

        Assert.True(first.Succeeded);
        Assert.Equal(IdTokenFailure.NonceReplayed, replay.Failure);
        Assert.Equal(IdTokenFailure.NonceReplayed, sameNonceNewToken.Failure);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestIssuer.Issuer,
            Audience = TestIssuer.ClientId,
            Claims = new Dictionary<string, object> { ["sub"] = TestIssuer.Subject, ["nonce"] = "nonce-1" },
            Expires = DateTime.UtcNow.AddMinutes(5),
        });

        var result = await Validate(unsigned);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_token_signed_with_the_client_secret_is_rejected()
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("demo-secret-demo-secret-demo-secret-0123"));
        var token = _issuer.Mint(new TestIssuer.TokenSpec { Signing = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256) });

        var result = await Validate(token);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_token_that_is_not_a_jwt_is_rejected_as_malformed()
    {
        var result = await Validate("not-a-token");

        Assert.Equal(IdTokenFailure.Malformed, result.Failure);
    }

    [Fact]
    public async Task After_key_rotation_a_token_signed_with_the_new_key_is_accepted_at_once()
    {
        Assert.True((await Validate(_issuer.Mint())).Succeeded); // caches the JWKS with key-1
        var fetchesBefore = _issuer.JwksFetches;
        var rotated = TestIssuer.NewKey("key-2");
        _issuer.Publish(rotated);

        var result = await Validate(
            _issuer.Mint(new TestIssuer.TokenSpec { Nonce = "nonce-2", Signing = new SigningCredentials(rotated, SecurityAlgorithms.RsaSha256) }),
            "nonce-2");

        Assert.True(result.Succeeded, result.Failure?.ToString());
        // At least the direct fetch; the cached manager may also refresh in the background.
        Assert.True(_issuer.JwksFetches > fetchesBefore);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_does_not_publish_is_rejected_after_a_fresh_fetch()
    {
        Assert.True((await Validate(_issuer.Mint())).Succeeded);
        var fetchesBefore = _issuer.JwksFetches;
        var unknown = TestIssuer.NewKey("key-nobody-published");

        var result = await Validate(
            _issuer.Mint(new TestIssuer.TokenSpec { Nonce = "nonce-2", Signing = new SigningCredentials(unknown, SecurityAlgorithms.RsaSha256) }),
            "nonce-2");

        Assert.Equal(IdTokenFailure.Signature, result.Failure);
        Assert.True(_issuer.JwksFetches > fetchesBefore);
    }

    [Fact]
    public async Task A_token_without_realm_roles_signs_in_with_no_role()
    {
        var result = await Validate(_issuer.Mint(new TestIssuer.TokenSpec { Roles = [] }));

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Identity!.Claims, c => c.Type == DashboardClaims.Role);
    }

    [Fact]
    public async Task A_provider_whose_discovery_names_another_issuer_is_refused_with_the_variable_named()
    {
        var source = new OidcConfigurationSource(TestIssuer.Issuer + "-typo", new RedirectingRetriever(_issuer));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetAsync(CancellationToken.None));

        Assert.Contains(OidcOptions.AuthorityVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_is_read_from_the_metadata_address_and_its_issuer_still_checked_against_the_authority()
    {
        var backChannel = new BackChannelRetriever(_issuer, "http://keycloak:8080/realms/westside-basketball");
        var source = new OidcConfigurationSource(TestIssuer.Issuer, backChannel,
            "http://keycloak:8080/realms/westside-basketball/.well-known/openid-configuration");

        var configuration = await source.GetAsync(CancellationToken.None);

        Assert.Equal(TestIssuer.Issuer, configuration.Issuer.TrimEnd('/'));
        Assert.Equal("http://keycloak:8080/realms/westside-basketball/.well-known/openid-configuration", backChannel.Requested[0]);
    }

    // The provider as seen over a private network (compose): addresses under `prefix` answer with the
    // real issuer's documents; every address asked for is recorded.
    private sealed class BackChannelRetriever(TestIssuer issuer, string prefix) : Microsoft.IdentityModel.Protocols.IDocumentRetriever
    {
        public List<string> Requested { get; } = [];

        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            Requested.Add(address);
            return issuer.GetDocumentAsync(address.Replace(prefix, TestIssuer.Issuer, StringComparison.Ordinal), cancel);
        }
    }

    // Serves the real issuer's documents at any address, as a proxy in front of the wrong realm would.
    private sealed class RedirectingRetriever(TestIssuer issuer) : Microsoft.IdentityModel.Protocols.IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
            issuer.GetDocumentAsync(address.Replace(TestIssuer.Issuer + "-typo", TestIssuer.Issuer, StringComparison.Ordinal), cancel);
    }
}
