using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Westside.Projections.Dashboard.Tests.Browser;

// Waiting for the address bar to show a URL. Not IPage.WaitForURLAsync: it reads the URL, then subscribes
// to navigations, and a navigation delivered between the two (by the thread that reads the driver's
// messages) is lost, so the wait times out on a page that is already there
// (microsoft/playwright-dotnet#3364; it failed a CI run here after an htmx push). The page assertion is
// one request that the driver polls and answers, so there is no event to lose.
internal static class AddressBar
{
    private const float Timeout = 90_000;

    public static Task WaitForAsync(IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = Timeout });

    public static Task WaitForExactlyAsync(IPage page, string url) =>
        WaitForAsync(page, new Regex("^" + Regex.Escape(url) + "$"));

    public static Task WaitForPrefixAsync(IPage page, string prefix) =>
        WaitForAsync(page, new Regex("^" + Regex.Escape(prefix)));

    public static Task WaitForSuffixAsync(IPage page, string suffix) =>
        WaitForAsync(page, new Regex(Regex.Escape(suffix) + "$"));
}
