using System.Net;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The session: sliding while used, ended after a quiet spell, ended after the absolute limit however busy,
// and kept across a dashboard restart because the data-protection keys live in the store.
public sealed class SessionTests(SignInStack stack) : IClassFixture<SignInStack>
{
    private Uri At(string path) => new(stack.Root, path);

    [Fact]
    public async Task A_session_survives_a_dashboard_restart_because_the_keys_are_in_the_store()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");
        var keys = await stack.StoreScalarAsync<long>("select count(*) from data_protection_keys");

        await stack.RestartDashboardAsync();
        var after = await browser.Http.GetAsync(At("/projections"));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, keys);
        Assert.Equal(keys, await stack.StoreScalarAsync<long>("select count(*) from data_protection_keys"));
        Assert.StartsWith("<key ", await stack.StoreScalarAsync<string>("select xml from data_protection_keys limit 1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_session_slides_past_the_idle_time_but_ends_at_the_absolute_limit()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");

        // Busy all day: a request every 5 hours keeps an 8-hour idle window open...
        for (var hours = 5; hours <= 20; hours += 5)
        {
            stack.Clock.Advance(TimeSpan.FromHours(5));
            Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(At("/projections"))).StatusCode);
        }

        // ...until 24 hours after the sign-in.
        stack.Clock.Advance(TimeSpan.FromHours(5));
        var late = await browser.Http.GetAsync(At("/projections"));

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.StartsWith("/signin", late.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains(stack.Log.Lines, l => l.EventId == 2006 && l.State.Contains(OidcProvider.MarcusSubject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_time()
    {
        using var browser = new HttpBrowser();
        await browser.SignInAsync(At("/projections"), "marcus", "demo");

        stack.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var response = await browser.Http.GetAsync(At("/projections"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
