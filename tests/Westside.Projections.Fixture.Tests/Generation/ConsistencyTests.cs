namespace Westside.Projections.Fixture.Tests.Generation;

// The rules the source itself would keep: statuses agree with contracts, timestamps agree with
// statuses and with AsOf, foreign keys resolve, values pass the schema's checks.
public class ConsistencyTests
{
    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Contract_status_is_the_status_of_the_latest_non_voided_contract(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var latest = data.Contracts
            .Where(c => c.Status != "voided")
            .GroupBy(c => c.PlayerId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => (c.SentAt, c.Id))!.Status);
        Assert.All(data.Players, p => Assert.Equal(latest.GetValueOrDefault(p.Id, "none"), p.ContractStatus));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Signing_and_declining_set_their_timestamps_and_the_signer(int seed, int players)
    {
        Assert.All(Datasets.Of(seed, players).Contracts, c =>
        {
            Assert.Equal(c.Status == "signed", c.SignedAt is not null);
            Assert.Equal(c.Status == "signed", !string.IsNullOrWhiteSpace(c.SignerName));
            Assert.Equal(c.Status == "declined", c.DeclinedAt is not null);
            Assert.True((c.SignedAt ?? c.DeclinedAt ?? c.SentAt) >= c.SentAt);
        });
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Contract_versions_belong_to_the_season_and_a_player_gets_each_version_once(int seed, int players)
    {
        var contracts = Datasets.Of(seed, players).Contracts;
        Assert.All(contracts, c => Assert.Matches("^2026-fall-v[12]$", c.Version));
        Assert.Equal(contracts.Count, contracts.Select(c => (c.PlayerId, c.Version)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Players_change_after_they_are_created_and_their_status_change_is_their_last_update(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var current = data.Contracts.Where(c => c.Status != "voided").ToDictionary(c => c.PlayerId);
        Assert.All(data.Players, p =>
        {
            Assert.True(p.UpdatedAt >= p.CreatedAt);
            if (current.TryGetValue(p.Id, out var c))
            {
                Assert.Equal(c.SignedAt ?? c.DeclinedAt ?? c.SentAt, p.UpdatedAt);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Each_signed_players_outbox_row_was_written_when_they_signed(int seed, int players)
    {
        var data = Datasets.Of(seed, players);
        var signedAt = data.Contracts.Where(c => c.Status == "signed").ToDictionary(c => c.PlayerId, c => c.SignedAt);
        Assert.All(data.Outbox.Where(o => o.EventType == "contract_signed"), o => Assert.Equal(signedAt[o.AggregateId], o.CreatedAt));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Every_reference_points_at_an_existing_row(int seed, int players)
    {
        var d = Datasets.Of(seed, players);
        var teams = d.Teams.Select(t => t.Id).ToHashSet();
        var parents = d.Parents.Select(p => p.Id).ToHashSet();
        var kids = d.Players.Select(p => p.Id).ToHashSet();
        var parentOf = d.Players.ToDictionary(p => p.Id, p => p.ParentId);
        Assert.All(d.Players, p => Assert.True(parents.Contains(p.ParentId) && (p.TeamId is null || teams.Contains(p.TeamId.Value))));
        Assert.All(d.Contracts, c => Assert.Contains(c.PlayerId, kids));
        Assert.All(d.JerseyPayments, j => Assert.Contains(j.PlayerId, kids));
        Assert.All(d.Subscriptions, s => Assert.Equal(parentOf[s.PlayerId], s.ParentId));
        Assert.All(d.TournamentRegistrations, r =>
        {
            Assert.Contains(r.TournamentId, d.Tournaments.Select(t => t.Id));
            Assert.Contains(r.TeamId, teams);
            Assert.True(r.PlayerId is null || d.Players[r.PlayerId.Value - 1].TeamId == r.TeamId);
        });
        Assert.All(d.EmailLog, e => Assert.True(
            (e.ParentId is null || parents.Contains(e.ParentId.Value)) && (e.PlayerId is null || parentOf[e.PlayerId.Value] == e.ParentId)));
        Assert.All(d.Outbox, o => Assert.Contains(o.AggregateId, kids));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Ids_are_dense_from_one_in_every_table(int seed, int players)
    {
        var d = Datasets.Of(seed, players);
        AssertDense(d.Teams.Select(r => (long)r.Id));
        AssertDense(d.Parents.Select(r => (long)r.Id));
        AssertDense(d.Players.Select(r => (long)r.Id));
        AssertDense(d.Contracts.Select(r => (long)r.Id));
        AssertDense(d.JerseyPayments.Select(r => (long)r.Id));
        AssertDense(d.Subscriptions.Select(r => (long)r.Id));
        AssertDense(d.Tournaments.Select(r => (long)r.Id));
        AssertDense(d.TournamentRegistrations.Select(r => (long)r.Id));
        AssertDense(d.EmailLog.Select(r => (long)r.Id));
        AssertDense(d.Outbox.Select(r => r.Id));
        Assert.Equal(players, d.Players.Count);
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Everything_that_happened_happened_before_as_of_in_whole_utc_seconds(int seed, int players)
    {
        var d = Datasets.Of(seed, players);
        var instants = d.Teams.Select(t => t.CreatedAt)
            .Concat(d.Parents.Select(p => p.CreatedAt))
            .Concat(d.Players.SelectMany(p => new[] { p.CreatedAt, p.UpdatedAt }))
            .Concat(d.Contracts.SelectMany(c => new[] { c.SentAt, c.SignedAt, c.DeclinedAt }).OfType<DateTimeOffset>())
            .Concat(d.JerseyPayments.Select(j => j.PaidAt))
            .Concat(d.Subscriptions.Select(s => s.CreatedAt))
            .Concat(d.TournamentRegistrations.Select(r => r.RegisteredAt))
            .Concat(d.EmailLog.Select(e => e.SentAt))
            .Concat(d.Outbox.SelectMany(o => new[] { o.CreatedAt, o.ProcessedAt }).OfType<DateTimeOffset>())
            .ToList();
        Assert.All(instants, t =>
        {
            Assert.True(t < d.AsOf && t > d.AsOf.AddDays(-200));
            Assert.Equal(TimeSpan.Zero, t.Offset);
            Assert.Equal(0, t.Ticks % TimeSpan.TicksPerSecond);
        });
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Values_pass_the_source_schemas_checks(int seed, int players)
    {
        var d = Datasets.Of(seed, players);
        Assert.All(d.Teams, t =>
        {
            Assert.Matches("^1[0-7]U$", t.AgeGroup);
            Assert.True((t.GroupMeGroupId?.Length ?? 0) <= 50 && (t.GroupMeShareUrl?.Length ?? 0) <= 500);
        });
        Assert.All(d.Players, p => Assert.Contains(p.ContractStatus, new[] { "none", "sent", "signed", "declined" }));
        Assert.All(d.Contracts, c => Assert.Contains(c.Status, new[] { "sent", "signed", "declined", "voided" }));
        Assert.All(d.JerseyPayments, j => Assert.Contains(j.Method, new[] { "stripe", "cash", "venmo", "check" }));
        Assert.All(d.Subscriptions, s => Assert.Contains(s.Status, new[] { "active", "past_due", "canceled" }));
        Assert.All(d.TournamentRegistrations, r => Assert.Contains(r.Status, new[] { "registered", "withdrawn" }));
        Assert.All(d.EmailLog, e => Assert.Contains(e.Status, new[] { "sent", "failed" }));
        Assert.All(d.Outbox, o => Assert.Contains(o.Status, new[] { "pending", "processed", "failed" }));
    }

    [Theory]
    [MemberData(nameof(Datasets.SeedsAndSizes), MemberType = typeof(Datasets))]
    public void Jersey_numbers_are_unique_within_a_team(int seed, int players)
    {
        var numbered = Datasets.Of(seed, players).Players.Where(p => p is { TeamId: not null, JerseyNumber: not null }).ToList();
        Assert.Equal(numbered.Count, numbered.Select(p => (p.TeamId, p.JerseyNumber)).Distinct().Count());
    }

    private static void AssertDense(IEnumerable<long> ids) =>
        Assert.Equal(ids.Order().ToList(), ids.Select((_, i) => (long)i + 1).ToList());
}
