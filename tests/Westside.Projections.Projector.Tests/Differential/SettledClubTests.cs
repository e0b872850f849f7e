using Westside.Projections.Projector.Tests.Engine;
using Xunit;

namespace Westside.Projections.Projector.Tests.Differential;

// Generated clubs of different seeds and sizes, projected from scratch: every document agrees with the
// plain-SQL oracles over the source.
[Collection(EngineCollection.Name)]
public sealed class SettledClubTests
{
    [Theory]
    [InlineData(42, 150)]
    [InlineData(7, 400)]
    public async Task A_freshly_projected_generated_club_agrees_with_every_oracle(int seed, int players)
    {
        await using var club = await DifferentialClub.StartAsync(seed, players);

        await club.SettleAsync();

        Assert.Empty(await club.DifferencesAsync());
    }
}
