using System.Data;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Differential;

// Generated clubs changed by a random stream of basketball-api's writes while the projector runs:
// after every round, once the store has caught up, every document agrees with the plain-SQL oracles.
// And the oracles are not blind: a source change the projector missed, or a tampered document, shows.
[Collection(EngineCollection.Name)]
public sealed class MutatedClubTests(ITestOutputHelper output)
{
    private const int Rounds = 4;
    private const int MutationsPerRound = 25;

    [Theory]
    [InlineData(42, 150)]
    [InlineData(7, 400)]
    // Over 500 families: the wide cohort scopes span two parent-id pages.
    [InlineData(2026, 1200)]
    public async Task Every_document_agrees_with_the_oracles_after_each_round_of_source_writes_made_while_the_projector_runs(
        int seed, int players)
    {
        var clock = Stopwatch.StartNew();
        await using var club = await DifferentialClub.StartAsync(seed, players);
        var mutations = new SourceMutations(seed);
        output.WriteLine($"seed {seed}, {players} players generated, started in {clock.ElapsedMilliseconds} ms");

        // The first round starts while the engine is still projecting the loaded club from scratch.
        for (var round = 1; round <= Rounds; round++)
        {
            // Odd rounds commit each write alone, even rounds several writes per transaction and delete rows too.
            var even = round % 2 == 0;
            var perTransaction = even ? 2 + (round % 4) : 1;
            var started = clock.ElapsedMilliseconds;
            await mutations.ApplyAsync(club.SourceAdmin, MutationsPerRound, perTransaction, TimeSpan.FromMilliseconds(60), even, CancellationToken.None);
            var applied = clock.ElapsedMilliseconds;
            await club.SettleAsync();
            var settled = clock.ElapsedMilliseconds;
            var differences = await club.DifferencesAsync();
            output.WriteLine(
                $"round {round}: {MutationsPerRound} writes{(even ? " with deletes" : "")}, {perTransaction} per transaction, applied in {applied - started} ms, " +
                $"settled in {settled - applied} ms, compared in {clock.ElapsedMilliseconds - settled} ms, {differences.Count} differences");
            Assert.True(differences.Count == 0, $"Round {round} of seed {seed}: {string.Join("\n", differences.Take(30))}");
        }

        output.WriteLine($"writes applied: {mutations.Total} ({string.Join(", ", mutations.Applied.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"))})");
        output.WriteLine($"source rows: {string.Join(", ", await SourceCountsAsync(club.SourceAdmin))}");
        var documents = await club.LiveDocumentsAsync();
        output.WriteLine($"cohort pages: {documents["cohorts"].Count(d => d.Kind == "cohort-page")}, of which past the first bucket: {documents["cohorts"].Count(d => d.Kind == "cohort-page" && !d.Id.EndsWith("/page:0000", StringComparison.Ordinal))}");
        output.WriteLine($"documents: {string.Join(", ", documents.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value.Count}"))}");
        output.WriteLine($"total {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Source_changes_the_stopped_projector_never_saw_show_up_as_differences_in_every_story()
    {
        await using var club = await DifferentialClub.StartAsync(11, 150);
        await club.SettleAsync();
        Assert.Empty(await club.DifferencesAsync());
        await club.StopEngineAsync();

        // The family with the most unsigned kids signs them all at once.
        var parentId = await ScalarAsync<int>(club.SourceAdmin, """
            select parent_id from players where contract_status in ('none', 'sent', 'declined')
            group by parent_id having count(*) >= 2 order by count(*) desc, parent_id limit 1
            """);
        await club.SourceExecAsync($"""
            update players set contract_status = 'signed', updated_at = now()
            where parent_id = {parentId} and contract_status in ('none', 'sent', 'declined')
            """);

        var differences = await club.DifferencesAsync();
        output.WriteLine($"{differences.Count} differences after the family of parent {parentId} signed");
        Assert.Contains($"clusters: parent:{parentId}: unexpected", differences);
        Assert.Contains(differences, d => d.StartsWith("triage: summary: unsignedCount is ", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("cohorts: unsigned/all: playerCount is ", StringComparison.Ordinal));
        // The MCP today tool reads the same stale summaries, and the check says so.
        Assert.Contains(differences, d => d.StartsWith("today tool: unsigned counts ", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("today tool: clusters counts ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("triage", "players")]
    [InlineData("clusters", "kids")]
    [InlineData("cohorts", "emails")]
    public async Task A_missing_stray_reordered_or_mis_sorted_document_is_reported_by_its_id(string projection, string list)
    {
        await using var club = await DifferentialClub.StartAsync(42, 150);
        await club.SettleAsync();
        await club.StopEngineAsync();
        var documents = (await club.LiveDocumentsAsync())[projection];
        var asOf = (await new StoreProbe(club.Store).FoldAsync()).AsOf;
        var oracle = DifferentialClub.Oracles.Single(o => o.Projection == projection);
        await using var source = new NpgsqlConnection(club.SourceAdmin);
        await source.OpenAsync();
        await using var tx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        async Task<IReadOnlyList<string>> Compare(IEnumerable<StoredDocument> tampered) =>
            await oracle.DifferencesAsync(new OracleContext(source, tampered.ToList(), asOf), CancellationToken.None);

        Assert.Empty(await Compare(documents));

        // A document with at least two different entries in the ordered list, so swapping them reorders it.
        var victim = documents.First(d => JsonNode.Parse(d.Data)![list] is JsonArray items
            && items.Count >= 2 && items[0]!.ToJsonString() != items[1]!.ToJsonString());
        var node = JsonNode.Parse(victim.Data)!;
        var entries = node[list]!.AsArray();
        var (first, second) = (entries[0]!.DeepClone(), entries[1]!.DeepClone());
        entries[0] = second;
        entries[1] = first;
        var reordered = victim with { Data = node.ToJsonString() };

        Assert.Contains($"{victim.Id}: missing", await Compare(documents.Where(d => d != victim)));
        Assert.Contains($"{victim.Id}/stray: unexpected", await Compare(documents.Append(victim with { Id = victim.Id + "/stray" })));
        Assert.Contains(
            await Compare(documents.Select(d => d == victim ? reordered : d)),
            d => d.StartsWith($"{victim.Id}: {list}[0]", StringComparison.Ordinal));
        Assert.Contains($"{victim.Id}: sort key differs", await Compare(documents.Select(d => d == victim ? victim with { SortKey = "~" } : d)));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> SourceCountsAsync(string connectionString)
    {
        string[] tables = ["teams", "parents", "players", "contracts", "jersey_payments", "subscriptions", "tournaments",
            "tournament_registrations", "email_log", "outbox"];
        var counts = new List<string>();
        foreach (var table in tables)
        {
            counts.Add($"{table} {await ScalarAsync<long>(connectionString, $"select count(*) from {table}")}");
        }

        return counts;
    }
}
