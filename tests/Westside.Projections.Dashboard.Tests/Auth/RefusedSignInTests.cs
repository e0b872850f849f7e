using System.Net;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The framework's handler refuses a broken sign-in, end to end: the local provider, told to misbehave
// (OIDC_TEST_FAULTS), hands out an ID token with a wrong audience, an expired one, or one signed with a key
// it never published; or the callback comes back with a forged state. Each gets the "Sign-in did not
// complete" page, no session cookie, and the next request still needs a sign-in.
public sealed class RefusedSignInTests(RefusedSignInTests.Stack stack) : IClassFixture<RefusedSignInTests.Stack>
{
    public sealed class Stack : SignInStack
    {
        protected override IReadOnlyDictionary<string, string>? ProviderEnvironment =>
            new Dictionary<string, string> { ["OIDC_TEST_FAULTS"] = "1" };
    }

    private Uri At(string path) => new(stack.Root, path);

    [Theory]
    [InlineData("wrong-audience", "Audience")]
    [InlineData("expired", "Lifetime")]
    [InlineData("unknown-key", "Signature")]
    public async Task A_broken_ID_token_is_refused_and_signs_nobody_in(string fault, string check)
    {
        await stack.Provider.BreakNextIdTokenAsync(fault);
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("/signin-oidc", page.Url.AbsolutePath);
        Assert.Contains("Sign-in did not complete", page.Body, StringComparison.Ordinal);
        Assert.Contains(stack.Provider.Output, l => l.Contains($"test fault: the ID token of this token response is {fault}", StringComparison.Ordinal));
        Assert.Contains(stack.Log.Lines, l => l.EventId == 2004 && l.State.Contains(check, StringComparison.Ordinal));
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task The_same_sign_in_without_a_fault_gets_in()
    {
        using var browser = new HttpBrowser();

        var page = await browser.SignInAsync(At("/projections"), "marcus", "demo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_is_refused_and_signs_nobody_in()
    {
        using var browser = new HttpBrowser();
        var callback = await CallbackAsync(browser);

        var forged = await browser.GoAsync(WithState(callback, "CfDJ8" + new string('A', 200)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Sign-in did not complete", forged.Body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task A_callback_carrying_another_browsers_state_is_refused_and_signs_nobody_in()
    {
        // The other browser's state is genuine (sealed by this dashboard) but belongs to its own sign-in:
        // the correlation cookie of this browser does not match it.
        using var other = new HttpBrowser();
        var challenge = await other.Http.GetAsync(At("/signin?returnUrl=%2Fprojections"));
        var otherState = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["state"].ToString();
        using var browser = new HttpBrowser();
        var callback = await CallbackAsync(browser);

        var forged = await browser.GoAsync(WithState(callback, otherState));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Sign-in did not complete", forged.Body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser);
        Assert.Null(other.Cookies.GetCookies(stack.Root)["westside-session"]);
    }

    private async Task AssertSignedOutAsync(HttpBrowser browser)
    {
        Assert.Null(browser.Cookies.GetCookies(stack.Root)["westside-session"]);
        var next = await browser.Http.GetAsync(At("/projections"));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/signin", next.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    // Signs in as marcus up to the provider's redirect back to /signin-oidc, which is returned, not followed.
    private async Task<Uri> CallbackAsync(HttpBrowser browser)
    {
        var form = await browser.GoAsync(At("/signin?returnUrl=%2Fprojections"));
        var action = HttpBrowser.Parse(form.Body).QuerySelector("#kc-form-login")!.GetAttribute("action")!;
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri(form.Url, action))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "marcus", ["password"] = "demo" }),
        };
        var response = await browser.Http.SendAsync(login);
        for (var hops = 0; hops < 10; hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            if (next.AbsolutePath == "/signin-oidc")
            {
                return next;
            }

            response.Dispose();
            response = await browser.Http.GetAsync(next);
        }

        throw new InvalidOperationException("The provider never redirected back to /signin-oidc.");
    }

    private static Uri WithState(Uri callback, string state)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        query["state"] = state;
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), query));
    }
}
