using Westside.Projections.Fixture.Loading;

namespace Westside.Projections.Fixture.Tests.Generation;

public class DeterminismTests
{
    [Fact]
    public void Same_seed_generates_identical_data()
    {
        var options = new DemoOptions(42, 150, Datasets.AsOf);
        var first = DatasetGenerator.Generate(options);
        var second = DatasetGenerator.Generate(options);

        Assert.Equal(first.Teams, second.Teams);
        Assert.Equal(first.Parents, second.Parents);
        Assert.Equal(first.Players, second.Players);
        Assert.Equal(first.Contracts, second.Contracts);
        Assert.Equal(first.JerseyPayments, second.JerseyPayments);
        Assert.Equal(first.Subscriptions, second.Subscriptions);
        Assert.Equal(first.Tournaments, second.Tournaments);
        Assert.Equal(first.TournamentRegistrations, second.TournamentRegistrations);
        Assert.Equal(first.EmailLog, second.EmailLog);
        Assert.Equal(first.Outbox, second.Outbox);
        var (digestA, digestB) = (DatasetDigest.Compute(first), DatasetDigest.Compute(second));
        Assert.Equal(digestA.Tables, digestB.Tables);
        Assert.Equal(digestA.Sha256, digestB.Sha256);
    }

    [Fact]
    public void Different_seed_generates_different_data()
    {
        var a = DatasetGenerator.Generate(new DemoOptions(42, 150, Datasets.AsOf));
        var b = DatasetGenerator.Generate(new DemoOptions(43, 150, Datasets.AsOf));

        Assert.NotEqual(a.Players, b.Players);
        Assert.NotEqual(DatasetDigest.Compute(a).Sha256, DatasetDigest.Compute(b).Sha256);
    }

    [Fact]
    public void Moving_as_of_moves_every_timestamp_and_changes_nothing_else()
    {
        var day = TimeSpan.FromDays(1);
        var a = DatasetGenerator.Generate(new DemoOptions(42, 150, Datasets.AsOf));
        var b = DatasetGenerator.Generate(new DemoOptions(42, 150, Datasets.AsOf + day));

        Assert.Equal(a.Players.Select(p => p with { CreatedAt = p.CreatedAt + day, UpdatedAt = p.UpdatedAt + day }), b.Players);
        Assert.Equal(a.Outbox.Select(o => o with { CreatedAt = o.CreatedAt + day, ProcessedAt = o.ProcessedAt + day }), b.Outbox);
        Assert.Equal(
            a.Tournaments.Select(t => t with
            {
                StartsOn = t.StartsOn.AddDays(1), EndsOn = t.EndsOn.AddDays(1), RegistrationDeadline = t.RegistrationDeadline?.AddDays(1),
            }),
            b.Tournaments);
    }

    [Fact]
    public void As_of_is_taken_in_utc_whole_seconds()
    {
        var local = new DateTimeOffset(2026, 11, 22, 4, 0, 0, 500, TimeSpan.FromHours(-8));
        var data = DatasetGenerator.Generate(new DemoOptions(42, 150, local));
        Assert.Equal(Datasets.AsOf, data.AsOf);
        Assert.Equal(TimeSpan.Zero, data.AsOf.Offset);
    }

    [Theory]
    [InlineData(150, 11, 71)]
    [InlineData(2000, 143, 952)]
    [InlineData(5_000, 357, 2_381)]
    public void Teams_and_parents_scale_with_players(int players, int teams, int parents)
    {
        var data = Datasets.Of(42, players);
        Assert.Equal(teams, data.Teams.Count);
        Assert.Equal(parents, data.Parents.Count);
        Assert.Equal(players, data.Players.Count);
    }

    [Fact]
    public void Too_few_players_to_tell_every_story_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DatasetGenerator.Generate(new DemoOptions(42, DemoOptions.MinimumPlayers - 1, Datasets.AsOf)));
    }
}
