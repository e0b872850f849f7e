using System.Net;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// OIDC_REQUIRED_ROLE names the realm role that opens the dashboard; nothing else does, not even admin.
public sealed class RequiredRoleTests(RequiredRoleTests.CoachOnly stack) : IClassFixture<RequiredRoleTests.CoachOnly>
{
    public sealed class CoachOnly : SignInStack
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["OIDC_REQUIRED_ROLE"] = "coach" };
    }

    [Fact]
    public async Task With_the_coach_role_required_coach_gets_in_and_marcus_gets_the_403_page_naming_that_role()
    {
        using var coach = new HttpBrowser();
        using var marcus = new HttpBrowser();

        var coachPage = await coach.SignInAsync(new Uri(stack.Root, "/projections"), "coach", "demo");
        var marcusPage = await marcus.SignInAsync(new Uri(stack.Root, "/projections"), "marcus", "demo");

        Assert.Equal(HttpStatusCode.OK, coachPage.Status);
        Assert.Equal(HttpStatusCode.Forbidden, marcusPage.Status);
        Assert.Contains("<code>coach</code> role", marcusPage.Body, StringComparison.Ordinal);
    }
}
