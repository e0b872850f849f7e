using Westside.Projections.Fixture;
using Westside.Projections.Testing;

namespace Westside.Projections.Dashboard.Tests.Support;

// A class fixture: the demo club (150 players, seed 42) generated, loaded into a fresh source database,
// projected into a fresh store by the real projector, and the dashboard reading that store.
public class ClubFixture : SourceAndStore
{
    public const int Players = 150;

    public DemoDataset Data { get; private set; } = null!;

    public DashboardApp App { get; private set; } = null!;

    protected virtual int PollIntervalMs => DashboardApp.RelaxedPollIntervalMs;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var asOf = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Data = await ClubLoader.LoadAsync(SourceAdmin, SourceReadOnly, Store, new DemoOptions(DemoOptions.DefaultSeed, Players, asOf));
        App = CreateApp();
    }

    protected virtual DashboardApp CreateApp() => new(Store, PollIntervalMs);

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }
}
