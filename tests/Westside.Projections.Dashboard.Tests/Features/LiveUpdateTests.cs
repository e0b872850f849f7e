using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// A change at the source reaches the pages: the projector commits, the data version moves, the cached
// page is rendered again. The store watch reads the version four times a second.
public class LiveUpdateTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task A_contract_signed_at_the_source_leaves_triage_after_the_next_projector_pass()
    {
        var player = club.Data.Players.First(p => p.ContractStatus == "sent" && p.TeamId is not null);
        var url = $"/triage?team={player.TeamId}";
        var name = $"{player.FirstName} {player.LastName}";
        Assert.Contains(name, await PlayersAsync(url));

        await club.SourceExecAsync($"update players set contract_status = 'signed', updated_at = now() where id = {player.Id}");
        await ClubLoader.ProjectOnceAsync(club.SourceReadOnly, club.Store);

        await EventuallyAsync(async () => !(await PlayersAsync(url)).Contains(name));
        var fragment = await club.App.Htmx().GetStringAsync(url);
        Assert.DoesNotContain(name, fragment, StringComparison.Ordinal);
    }

    private async Task<List<string>> PlayersAsync(string url) =>
        (await Pages.RowsAsync(club.App.CreateClient(), url)).Select(r => r.QuerySelector("td.primary")!.Text()).ToList();

    internal static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The page did not change within 5 s.");
    }
}
