using Westside.Projections.Fixture.Loading;
using Westside.Projections.Fixture.Tests.Generation;
using Westside.Projections.Testing;

namespace Westside.Projections.Fixture.Tests.Loading;

// A fresh source database (fixture schema and role) with the 150-player demo dataset loaded.
public sealed class LoadedDemoSource : SourceAndStore
{
    public DemoDataset Data { get; } = Datasets.Demo;

    public IReadOnlyList<TableLoad> Loaded { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Loaded = await FixtureLoader.LoadAsync(SourceAdmin, Data, CancellationToken.None);
    }
}
