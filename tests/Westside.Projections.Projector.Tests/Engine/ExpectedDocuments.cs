using System.Globalization;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// What the two test projections must hold, computed straight from the source's rows (not by the
// runtime's fold), and the comparison with the store's live documents.
public static class ExpectedDocuments
{
    public static async Task AssertMatchSourceAsync(
        DocumentReader reader, Dictionary<string, Dictionary<long, object>> source,
        string players = "test-players", string teams = "test-team-counts")
    {
        var sourcePlayers = source["players"].Values.Cast<PlayerRow>().ToList();
        var playerDocs = await reader.ListAsync(new DocumentQuery(players, "player") { Limit = 1_000_000 }, default);
        Assert.Equal(
            sourcePlayers.OrderBy(p => p.Id).ToList(),
            playerDocs.Select(d => d.As<PlayerRow>()).OrderBy(p => p.Id).ToList());
        Assert.All(playerDocs, d => Assert.Equal($"player:{d.As<PlayerRow>().Id.ToString(CultureInfo.InvariantCulture)}", d.Id));

        var teamRows = source["teams"].Values.Cast<TeamRow>().ToDictionary(t => t.Id);
        var expectedTeams = sourcePlayers.GroupBy(p => p.TeamId).Select(g => g.Key)
            .Concat(teamRows.Keys.Select(k => (int?)k)).Distinct()
            .Select(teamId => new TeamCountDocument(
                teamId,
                teamId is { } id && teamRows.TryGetValue(id, out var team) ? team.AgeGroup : null,
                sourcePlayers.Count(p => p.TeamId == teamId),
                sourcePlayers.Count(p => p.TeamId == teamId && p.ContractStatus == "signed")))
            .OrderBy(d => d.TeamId ?? -1).ToList();
        var teamDocs = await reader.ListAsync(new DocumentQuery(teams, "team") { Limit = 1_000_000 }, default);
        Assert.Equal(expectedTeams, teamDocs.Select(d => d.As<TeamCountDocument>()).OrderBy(d => d.TeamId ?? -1).ToList());
    }

    // Two projections of the same code, compared document for document (generation and updated_seq aside).
    public static async Task<List<string>> ContentAsync(StoreProbe store, string projection) =>
        await store.RowsAsync($"""
            select d.kind, d.id, d.sort_key, d.search, d.data::text
            from live_documents d
            where d.projection = '{projection}' order by d.id
            """);
}
