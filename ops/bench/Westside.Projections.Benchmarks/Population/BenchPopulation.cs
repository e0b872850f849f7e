using Westside.Projections.Fixture;
using Westside.Projections.Fixture.Loading;

namespace Westside.Projections.Benchmarks.Population;

// Where a benchmark's source rows come from (`--population`). "fixture", the default, is the project's
// demo-data generator at the requested size (seed 42, as of now): the club's real shape, two or three
// tournaments and families of one to four kids. "synthetic" is the generate_series population the
// benchmarks started with; it differs in one way that matters: one upcoming tournament per 2,000
// players (28 at 50,000), and each tournament's "not registered" cohort has a document per team, so the
// cohorts projection writes about five times the documents of the fixture club.
public static class BenchPopulation
{
    public const string Fixture = "fixture";
    public const string Synthetic = "synthetic";

    public static IReadOnlyList<string> Names { get; } = [Fixture, Synthetic];

    public static async Task PopulateAsync(string population, string sourceAdmin, int players, CancellationToken ct)
    {
        switch (population)
        {
            case Fixture:
                var dataset = DatasetGenerator.Generate(new DemoOptions(DemoOptions.DefaultSeed, players, DateTimeOffset.UtcNow));
                await FixtureLoader.LoadAsync(sourceAdmin, dataset, ct);
                break;
            case Synthetic:
                await SyntheticPopulation.PopulateAsync(sourceAdmin, players, ct);
                break;
            default:
                throw new ArgumentException($"Unknown population '{population}': use {string.Join(" or ", Names)}.", nameof(population));
        }
    }
}
