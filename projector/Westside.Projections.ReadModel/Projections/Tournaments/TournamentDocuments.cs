namespace Westside.Projections.ReadModel.Projections.Tournaments;

// "tournament:{id}" (kind "tournament"): the tournament and its counts, latest start first.
// A team entry is registered when any of its registration rows is; its fee is paid when every
// registered row is paid. FeeOutstandingCents = registered entries with fee unpaid x the fee.
public sealed record TournamentDocument(
    int TournamentId,
    string Name,
    string? Location,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? RegistrationDeadline,
    int FeeCents,
    int TeamsRegistered,
    int TeamsWithdrawn,
    int TeamsFeePaid,
    int TeamsFeeUnpaid,
    long FeeOutstandingCents,
    int RegistrationCount);

// "tournament:{tournamentId}/team:{teamId}" (kind "entry"): one team's entry: registered and
// withdrawn rows (team-level rows have no player), fees, the deadline. Sorted per tournament:
// registered with fee unpaid first, then registered and paid, then withdrawn; then team name.
public sealed record TournamentEntryDocument(
    int TournamentId,
    string TournamentName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? RegistrationDeadline,
    int FeeCents,
    int TeamId,
    string? TeamName,
    string? AgeGroup,
    string Status,
    bool FeePaid,
    int RegisteredCount,
    int WithdrawnCount,
    IReadOnlyList<EntryRegistration> Registrations);

public sealed record EntryRegistration(
    int RegistrationId,
    int? PlayerId,
    string? PlayerFirstName,
    string? PlayerLastName,
    string Status,
    bool FeePaid,
    DateTimeOffset RegisteredAt);
