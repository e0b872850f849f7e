using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Tournaments;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Tournaments;

// Reads the tournaments projection: a "tournament" document each (latest start first) and an "entry"
// document per tournament and team (unpaid registered entries first).
public sealed class TournamentsQuery(DocumentReader reader, TimeProvider clock)
{
    public const string Projection = "tournaments";
    public const int PerPage = 25;

    public async Task<TournamentsView> ReadAsync(TournamentsFilter filter, CancellationToken ct)
    {
        var tournaments = (await reader.ListAsync(new DocumentQuery(Projection, "tournament") { Limit = 50 }, ct))
            .Select(d => d.As<TournamentDocument>())
            .ToList();
        var selected = tournaments.FirstOrDefault(t => t.TournamentId == filter.Tournament) ?? tournaments.FirstOrDefault();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (selected is null)
        {
            return new TournamentsView(filter, tournaments, null, [], 0, 1, 1, today);
        }

        var contains = DocumentListing.Contains(
            ("tournamentId", selected.TournamentId),
            ("status", filter.ValidStatus),
            ("feePaid", filter.FeePaid),
            ("ageGroup", Club.ValidAgeGroup(filter.Age)));
        var search = DocumentListing.NullIfBlank(filter.Q);
        var page = filter.PageNumber;
        var slice = await DocumentListing.PageAsync(reader, Projection, ["entry"], contains, search, (page - 1) * PerPage, PerPage, ct);
        var pageCount = DocumentListing.PageCount(slice.Total, PerPage);
        if (page > pageCount)
        {
            page = pageCount;
            slice = await DocumentListing.PageAsync(reader, Projection, ["entry"], contains, search, (page - 1) * PerPage, PerPage, ct);
        }

        return new TournamentsView(
            filter with { Tournament = selected.TournamentId }, tournaments, selected,
            slice.Documents.Select(d => d.As<TournamentEntryDocument>()).ToList(), slice.Total, page, pageCount, today);
    }
}
