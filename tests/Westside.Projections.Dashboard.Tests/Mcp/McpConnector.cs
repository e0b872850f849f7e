using System.Net;
using System.Web;
using AngleSharp.Html.Parser;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using Westside.Projections.Dashboard.Tests.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Mcp;

// An assistant's custom connector, played by the C# SDK's MCP client over real HTTP: on the 401 it reads the
// resource metadata, discovers the realm, registers itself (dynamic client registration), sends the user
// to the provider's login page (here: an HttpBrowser that fills in the form) with PKCE and the resource,
// and trades the code for a token. The tokens it obtained are kept (Tokens) for the raw-HTTP checks.
public sealed class McpConnector : ITokenCache, IAsyncDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpBrowser _browser = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _username;
    private TokenContainer? _tokens;

    private McpConnector(string username) => _username = username;

    public TokenContainer? Tokens => _tokens;

    public int LoginFormsShown { get; private set; }

    public McpClient Client { get; private set; } = null!;

    public static async Task<McpConnector> ConnectAsync(Uri mcpUrl, string username)
    {
        var connector = new McpConnector(username);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            Name = "test assistant",
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri($"http://127.0.0.1:{OidcProvider.FreePort()}/callback"),
                AuthorizationCallbackHandler = connector.AuthorizeAsync,
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "Test assistant" },
                TokenCache = connector,
            },
        }, connector._http);
        try
        {
            connector.Client = await McpClient.CreateAsync(transport);
        }
        catch
        {
            await connector.DisposeAsync();
            throw;
        }

        return connector;
    }

    // Like ConnectAsync, for a user the server refuses: returns the connector (with its tokens) and the failure.
    public static async Task<(McpConnector Connector, Exception Failure)> RefusedAsync(Uri mcpUrl, string username)
    {
        var connector = new McpConnector(username);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri($"http://127.0.0.1:{OidcProvider.FreePort()}/callback"),
                AuthorizationCallbackHandler = connector.AuthorizeAsync,
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "Test assistant" },
                TokenCache = connector,
            },
        }, connector._http);
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await McpClient.CreateAsync(transport));
        return (connector, failure);
    }

    // The user's browser: from the authorization URL to the login form, sign in, and follow the provider's
    // redirects until it sends the browser back to the connector's redirect URI with the code.
    private async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken ct)
    {
        var page = await _browser.GoAsync(context.AuthorizationUri);
        if (page.Status != HttpStatusCode.OK || !page.Body.Contains("kc-form-login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected the provider's login form, got {(int)page.Status} at {page.Url}: {page.Body}");
        }

        LoginFormsShown++;
        var action = Parser.ParseDocument(page.Body).QuerySelector("#kc-form-login")!.GetAttribute("action")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(page.Url, action))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = _username, ["password"] = "demo" }),
        };
        var response = await _browser.Http.SendAsync(post, ct);
        for (var hop = 0; hop < 20; hop++)
        {
            if ((int)response.StatusCode is not (302 or 303))
            {
                throw new InvalidOperationException($"The provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            if (next.GetLeftPart(UriPartial.Path) == context.RedirectUri.GetLeftPart(UriPartial.Path))
            {
                var query = HttpUtility.ParseQueryString(next.Query);
                if (query["error"] is { } error)
                {
                    throw new InvalidOperationException($"The provider refused: {error} {query["error_description"]}");
                }

                return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
            }

            response = await _browser.Http.GetAsync(next, ct);
        }

        throw new InvalidOperationException("Too many redirects on the way back to the connector.");
    }

    public ValueTask<TokenContainer?> GetTokensAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_tokens);

    public ValueTask StoreTokensAsync(TokenContainer tokens, CancellationToken cancellationToken)
    {
        _tokens = tokens;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        _browser.Dispose();
        _http.Dispose();
    }
}
