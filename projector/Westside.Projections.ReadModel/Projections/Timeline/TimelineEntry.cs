namespace Westside.Projections.ReadModel.Projections.Timeline;

// One thing that happened, as the log recorded it: the event's snapshot time and sequence, its kind,
// and the ids and display names as they were when it happened (a timeline is history, not current state).
public sealed record TimelineEntry(
    long Sequence,
    DateTimeOffset At,
    string Kind,
    int? PlayerId,
    string? PlayerFirstName,
    string? PlayerLastName,
    int? ParentId,
    int? TeamId,
    string? TeamName,
    int? PreviousTeamId,
    string? PreviousTeamName,
    int? ContractId,
    string? ContractVersion,
    int? TournamentId,
    string? TournamentName,
    long? OutboxId,
    long? AmountCents,
    string? Method,
    string? Detail);
