using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Westside.Projections.Dashboard.Features.Auth;

// The provider's discovery document and signing keys (JWKS), cached by IdentityModel's ConfigurationManager
// (refreshed every 12 h). Key rotation: when an ID token names a key id the cache does not know, the caller
// asks for FetchFreshAsync, which reads discovery + JWKS directly once. The cached manager is only told to
// refresh, because it refreshes in the background and would still answer with the old keys right away.
public sealed class OidcConfigurationSource
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly IDocumentRetriever _retriever;
    private readonly string _metadataAddress;
    private readonly string _expectedIssuer;

    public OidcConfigurationSource(string authority, IDocumentRetriever retriever, string? metadataAddress = null)
    {
        _expectedIssuer = authority.TrimEnd('/');
        _metadataAddress = metadataAddress ?? _expectedIssuer + "/.well-known/openid-configuration";
        _retriever = retriever;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            _metadataAddress, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken ct) =>
        CheckIssuer(await _manager.GetConfigurationAsync(ct));

    public async Task<OpenIdConnectConfiguration> FetchFreshAsync(CancellationToken ct)
    {
        _manager.RequestRefresh();
        return CheckIssuer(await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _retriever, ct));
    }

    // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be exactly the URL it was
    // fetched from. A mismatch (a proxy rewriting hosts, a wrong realm) would reject every ID token later
    // with a vague error; say it here instead.
    private OpenIdConnectConfiguration CheckIssuer(OpenIdConnectConfiguration configuration)
    {
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), _expectedIssuer, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The OpenID provider at {OidcOptions.AuthorityVariable}={_expectedIssuer} says its issuer is '{configuration.Issuer}'. Set {OidcOptions.AuthorityVariable} to the issuer exactly.");
        }

        return configuration;
    }
}
