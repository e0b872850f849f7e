using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Dues;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Dues;

// Reads the dues projection: "summary", the "past-due" documents (one per past-due subscription,
// oldest period end first, with the paying parent's contact) and per-team standings.
public sealed class DuesQuery(DocumentReader reader, TimeProvider clock)
{
    public const string Projection = "dues";
    public const int PastDuePerPage = 25;

    private static readonly TeamGroupScreen.Shape<DuesTeamDocument, DuesPageDocument, DuesPlayer> Shape =
        new(h => h.Players, h => h.PageCount, p => p.TeamId, p => p.Page, p => p.Players);

    public async Task<DuesView> ReadAsync(DuesFilter filter, CancellationToken ct)
    {
        var summary = (await reader.GetAsync(Projection, DuesProjection.SummaryId, ct))?.As<DuesSummaryDocument>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var contains = DocumentListing.Contains(("ageGroup", Club.ValidAgeGroup(filter.Age)));
        var search = DocumentListing.NullIfBlank(filter.Q);
        if (!filter.Teams)
        {
            var page = filter.PageNumber;
            var slice = await DocumentListing.PageAsync(
                reader, Projection, ["past-due"], contains, search, (page - 1) * PastDuePerPage, PastDuePerPage, ct);
            var pageCount = DocumentListing.PageCount(slice.Total, PastDuePerPage);
            if (page > pageCount)
            {
                page = pageCount;
                slice = await DocumentListing.PageAsync(
                    reader, Projection, ["past-due"], contains, search, (page - 1) * PastDuePerPage, PastDuePerPage, ct);
            }

            return new DuesView(filter, summary, slice.Documents.Select(d => d.As<PastDueDocument>()).ToList(), slice.Total,
                [], page, pageCount, today);
        }

        var screen = await TeamGroupScreen.ReadAsync(
            reader, Projection, Shape, new(filter.HasTeam ? filter.Team : null, filter.HasTeam ? null : contains, search, filter.PageNumber), ct);
        var groups = screen.Groups
            .Select(g => ToGroup(g.Head, g.Part, Keep(g.Rows, filter, g.Head.TeamName)))
            .Where(g => g.Players.Count > 0 || filter.HasTeam)
            .ToList();
        return new DuesView(filter, summary, [], 0, groups, screen.Page, screen.PageCount, today);
    }

    private static List<DuesPlayer> Keep(IReadOnlyList<DuesPlayer> players, DuesFilter filter, string? teamName)
    {
        var byTeamName = !string.IsNullOrWhiteSpace(filter.Q) && NameMatch.Matches(filter.Q, teamName);
        return players
            .Where(p => filter.ValidStatus is null || p.Status == filter.ValidStatus)
            .Where(p => byTeamName || NameMatch.Matches(filter.Q, p.FirstName, p.LastName))
            .ToList();
    }

    private static DuesGroup ToGroup(DuesTeamDocument head, int part, IReadOnlyList<DuesPlayer> players) => new(
        head.TeamId, head.TeamName, head.AgeGroup, head.PlayerCount, head.ActiveCount, head.PastDueCount, head.CanceledCount,
        head.NoSubscriptionCount, part, Math.Max(1, head.PageCount), players);
}
