using System.Collections.Concurrent;

namespace Westside.Projections.Fixture.Tests.Generation;

// Generated datasets shared by the pure tests (generation is deterministic, so sharing is safe).
// Every story must hold at the demo size, at 2,000 players, for another seed, and at the minimum size.
public static class Datasets
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<(int, int), Lazy<DemoDataset>> Cache = new();

    public static TheoryData<int, int> SeedsAndSizes => new()
    {
        { 42, 150 },
        { 42, 2000 },
        { 7, 150 },
        { 42, DemoOptions.MinimumPlayers },
    };

    public static DemoDataset Of(int seed, int players) =>
        Cache.GetOrAdd((seed, players), key => new Lazy<DemoDataset>(
            () => DatasetGenerator.Generate(new DemoOptions(key.Item1, key.Item2, AsOf)))).Value;

    public static DemoDataset Demo => Of(DemoOptions.DefaultSeed, DemoOptions.DefaultPlayers);
}
