using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Westside.Projections.Dashboard.Tests.Auth;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Browser;

// "Marcus logs into basketball-landing once, the dashboard is SSO-reachable in the same browser session":
// Chromium signs in at the realm's second client (the basketball-landing stand-in), then opens the
// dashboard and is in without a password prompt; a coach doing the same gets the 403 page. Signing out of
// the dashboard ends the provider session, so the next sign-in asks for the password again.
public sealed class SameRealmSsoTests(SameRealmSsoTests.Stack stack) : IClassFixture<SameRealmSsoTests.Stack>
{
    public sealed class Stack : SignInStack
    {
        private IPlaywright? _playwright;

        public LandingSite Landing { get; } = new();

        public IBrowser Browser { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string>? ProviderEnvironment =>
            new Dictionary<string, string> { ["OIDC_LANDING_REDIRECT_URIS"] = Landing.Callback };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = BrowserStack.ChromiumArgs,
            });
        }

        public override async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }

            _playwright?.Dispose();
            Landing.Dispose();
            await base.DisposeAsync();
        }
    }

    private string At(string path) => new Uri(stack.Root, path).ToString();

    // Signs in at basketball-landing (authorization-code request of its own, PKCE S256), through the login form.
    private async Task SignInAtLandingAsync(IPage page, string username)
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString(stack.Provider.Issuer + "/protocol/openid-connect/auth", new Dictionary<string, string?>
        {
            ["client_id"] = "basketball-landing",
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["redirect_uri"] = stack.Landing.Callback,
            ["state"] = Guid.NewGuid().ToString("N"),
            ["nonce"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
        await page.GotoAsync(authorize);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#kc-login");
        await AddressBar.WaitForPrefixAsync(page, stack.Landing.Callback + "?code=");
        await page.Locator("#landing").WaitForAsync();
    }

    // Every login form the provider serves is an interaction page.
    private static List<string> LoginPrompts(IPage page)
    {
        var prompts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/interaction/", StringComparison.Ordinal))
            {
                prompts.Add(request.Url);
            }
        };
        return prompts;
    }

    [Fact]
    public async Task Marcus_signed_in_at_basketball_landing_opens_the_dashboard_without_a_password()
    {
        await using var watched = await WatchedPage.OpenAsync(stack.Browser);
        var page = watched.Page;
        await SignInAtLandingAsync(page, "marcus");
        var prompts = LoginPrompts(page);

        await page.GotoAsync(At("/triage"));
        await AddressBar.WaitForExactlyAsync(page, At("/triage"));

        Assert.Equal("Triage", await page.Locator("main h1").First.TextContentAsync());
        Assert.Empty(prompts);
        Assert.Contains(await watched.Context.CookiesAsync(), c => c.Name == "westside-session");
    }

    [Fact]
    public async Task Coach_signed_in_at_basketball_landing_gets_the_403_page_without_a_password()
    {
        await using var watched = await WatchedPage.OpenAsync(stack.Browser);
        var page = watched.Page;
        await SignInAtLandingAsync(page, "coach");
        var prompts = LoginPrompts(page);

        await page.GotoAsync(At("/triage"));
        await AddressBar.WaitForExactlyAsync(page, At("/triage"));

        Assert.Equal("coach", await page.Locator("#signed-in-as").TextContentAsync());
        Assert.Empty(prompts);
    }

    [Fact]
    public async Task Signing_out_of_the_dashboard_ends_the_provider_session_so_signing_in_again_asks_for_the_password()
    {
        await using var watched = await WatchedPage.OpenAsync(stack.Browser);
        var page = watched.Page;
        await SignInAtLandingAsync(page, "marcus");
        await page.GotoAsync(At("/"));
        await AddressBar.WaitForExactlyAsync(page, At("/"));

        await page.ClickAsync("#sign-out");
        await page.Locator("#kc-form-login").WaitForAsync();
        var again = await page.GotoAsync(At("/triage"));

        Assert.StartsWith(stack.Provider.Issuer + "/interaction/", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#password").IsVisibleAsync());
        Assert.Equal(200, again!.Status);
        Assert.DoesNotContain(await watched.Context.CookiesAsync(), c => c.Name == "westside-session");
        Assert.Empty(watched.CspViolations);
    }
}
