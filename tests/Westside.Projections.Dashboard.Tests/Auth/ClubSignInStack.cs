using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.Fixture;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The sign-in stack over the demo club (150 players, seed 42), projected into the store by the real
// projector before the dashboard starts.
public class ClubSignInStack : SignInStack
{
    public DemoDataset Data { get; private set; } = null!;

    protected override async Task PrepareStoreAsync()
    {
        var asOf = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Data = await ClubLoader.LoadAsync(SourceAdmin, SourceReadOnly, Store, new DemoOptions(DemoOptions.DefaultSeed, ClubFixture.Players, asOf));
    }
}
