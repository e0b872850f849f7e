using Westside.Projections.ReadModel.Projections.Tournaments;

namespace Westside.Projections.Dashboard.Features.Tournaments;

public sealed record TournamentsView(
    TournamentsFilter Filter,
    IReadOnlyList<TournamentDocument> Tournaments,
    TournamentDocument? Selected,
    IReadOnlyList<TournamentEntryDocument> Entries,
    long Matching,
    int Page,
    int PageCount,
    DateOnly Today);
