using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Jerseys;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Jerseys;

// Reads the jerseys projection: "summary" (club totals, by method, cash by recorder) and per-team
// documents with every player, unpaid first (teams with the most unpaid first).
public sealed class JerseysQuery(DocumentReader reader)
{
    public const string Projection = "jerseys";

    private static readonly TeamGroupScreen.Shape<JerseyTeamDocument, JerseyPageDocument, JerseyPlayer> Shape =
        new(h => h.Players, h => h.PageCount, p => p.TeamId, p => p.Page, p => p.Players);

    public async Task<JerseysView> ReadAsync(JerseysFilter filter, CancellationToken ct)
    {
        var summary = (await reader.GetAsync(Projection, JerseysProjection.SummaryId, ct))?.As<JerseySummaryDocument>();
        var contains = filter.HasTeam ? null : DocumentListing.Contains(("ageGroup", Club.ValidAgeGroup(filter.Age)));
        var screen = await TeamGroupScreen.ReadAsync(
            reader, Projection, Shape, new(filter.Team, contains, DocumentListing.NullIfBlank(filter.Q), filter.PageNumber), ct);
        var groups = screen.Groups
            .Select(g => ToGroup(g.Head, g.Part, Keep(g.Rows, filter, g.Head.TeamName)))
            .Where(g => g.Players.Count > 0 || filter.HasTeam)
            .ToList();
        return new JerseysView(filter, summary, groups, screen.Page, screen.PageCount, groups.Sum(g => g.Players.Count));
    }

    private static List<JerseyPlayer> Keep(IReadOnlyList<JerseyPlayer> players, JerseysFilter filter, string? teamName)
    {
        var byTeamName = !string.IsNullOrWhiteSpace(filter.Q) && NameMatch.Matches(filter.Q, teamName);
        return players
            .Where(p => filter.ValidStatus is null || p.Paid == (filter.ValidStatus == "paid"))
            .Where(p => byTeamName || NameMatch.Matches(filter.Q, p.FirstName, p.LastName))
            .ToList();
    }

    private static JerseyGroup ToGroup(JerseyTeamDocument head, int part, IReadOnlyList<JerseyPlayer> players) => new(
        head.TeamId, head.TeamName, head.AgeGroup, head.PlayerCount, head.PaidCount, head.UnpaidCount, head.NetCents,
        part, Math.Max(1, head.PageCount), players);
}
