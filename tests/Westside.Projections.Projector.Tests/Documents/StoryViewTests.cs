using System.Text.Json;
using Npgsql;
using Westside.Projections.Projector.Documents;
using Westside.Projections.Projector.Tests.Differential;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using Xunit;
using Xunit.Abstractions;

namespace Westside.Projections.Projector.Tests.Documents;

// The pages' reader (DocumentReader) over Marten's story tables, once live_documents is replaced by the
// view over them (StoryView): every listing, count, filter and search answers as it did over the engine's
// documents, and the SQL oracles agree with what readers now read.
[Collection(EngineCollection.Name)]
public sealed class StoryViewTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Readers_read_the_same_documents_through_the_view_over_Martens_story_tables()
    {
        await using var club = await DifferentialClub.StartAsync(seed: 11, players: 150);
        await club.SettleAsync();
        await club.StopEngineAsync();
        await using var log = NpgsqlDataSource.Create(club.Store);
        using (var store = await StoryStores.CreateAsync(log))
        {
            await StoryStores.CatchUpAsync(store);
        }

        var reader = new DocumentReader(log);
        var engine = await ReadEverythingAsync(reader);
        await using (var conn = await log.OpenConnectionAsync())
        {
            await StoryView.ReplaceAsync(conn, null, ProjectionCatalog.All.ToDictionary(p => p.Name, _ => 1u), CancellationToken.None);
        }

        var marten = await ReadEverythingAsync(reader);
        output.WriteLine($"{engine.Count} answers compared, {marten.Count(a => a.StartsWith("list", StringComparison.Ordinal))} listings");
        Assert.Equal(engine, marten);
        var oracles = await club.DifferencesAsync();
        Assert.True(oracles.Count == 0, string.Join("\n", oracles.Take(30)));
    }

    // Every answer the reader gives for this club, as text: each kind's full listing and count, its
    // counts by kind, a get of every document, a containment filter on each filterable field of the first
    // documents, and a search for a piece of their search text (generation and position aside).
    private static async Task<List<string>> ReadEverythingAsync(DocumentReader reader)
    {
        var answers = new List<string>();
        var ct = CancellationToken.None;
        foreach (var story in ProjectionCatalog.All)
        {
            var kinds = await reader.CountByKindAsync(story.Name, ct);
            answers.Add($"kinds {story.Name}: {string.Join(",", kinds.OrderBy(k => k.Key, StringComparer.Ordinal))}");
            foreach (var kind in kinds.Keys.Order(StringComparer.Ordinal))
            {
                var all = new DocumentQuery(story.Name, kind) { Limit = 100_000 };
                var listed = await reader.ListAsync(all, ct);
                answers.Add($"list {story.Name}/{kind}: {string.Join("|", listed.Select(Text))}");
                answers.Add($"count {story.Name}/{kind}: {await reader.CountAsync(all, ct)}");
                foreach (var document in listed)
                {
                    answers.Add($"get {document.Id}: {Text((await reader.GetAsync(story.Name, document.Id, ct))!)}");
                }

                foreach (var document in listed.Take(3))
                {
                    using var data = JsonDocument.Parse(document.Data);
                    if (data.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    foreach (var field in data.RootElement.EnumerateObject().Where(f => DocumentFilters.Fields.Contains(f.Name)))
                    {
                        var contains = $"{{{JsonSerializer.Serialize(field.Name)}:{field.Value.GetRawText()}}}";
                        var filtered = await reader.ListAsync(all with { Contains = contains }, ct);
                        answers.Add($"filter {story.Name}/{kind} {contains}: {string.Join(",", filtered.Select(d => d.Id))}");
                    }

                    if (document.Search.Length >= 3)
                    {
                        var search = document.Search.Substring(document.Search.Length / 2 - 1, 3);
                        var found = await reader.ListAsync(all with { Search = search }, ct);
                        answers.Add($"search {story.Name}/{kind} '{search}': {string.Join(",", found.Select(d => d.Id))}");
                    }
                }
            }
        }

        return answers;
    }

    private static string Text(StoredDocument d) => $"{d.Projection} {d.Kind} {d.Id} {d.SortKey} {d.Search} {d.Data}";
}
