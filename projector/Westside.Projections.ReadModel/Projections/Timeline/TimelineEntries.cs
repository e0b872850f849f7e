using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Timeline;

// Which events are worth showing on the timeline, and what each shows. Called after the event is
// folded, so the rows it names are in the state. Removals and plain edits are not shown.
public static class TimelineEntries
{
    public static TimelineEntry? From(ClubState state, RecordedEvent recorded)
    {
        var at = recorded.SourceSnapshotAt;
        var seq = recorded.Sequence;
        return recorded.Event switch
        {
            PlayerRegistered e => ForPlayer(state, seq, at, "player-registered", e.Row.Id),
            PlayerAssignedToTeam e => ForPlayer(state, seq, at, "player-assigned", e.Row.Id) with
            {
                PreviousTeamId = e.PreviousTeamId,
                PreviousTeamName = state.Team(e.PreviousTeamId)?.Name,
            },
            ContractSent e => ForContract(state, seq, at, "contract-sent", e.Row),
            ContractSigned e => ForContract(state, seq, at, "contract-signed", e.Row) with { Detail = e.Row.SignerName },
            ContractDeclined e => ForContract(state, seq, at, "contract-declined", e.Row),
            ContractVoided e => ForContract(state, seq, at, "contract-voided", e.Row),
            JerseyPaymentRecorded e => ForPlayer(
                state, seq, at, e.Row.AmountCents < 0 ? "jersey-refund" : "jersey-paid", e.Row.PlayerId) with
            {
                AmountCents = e.Row.AmountCents,
                Method = e.Row.Method,
                Detail = e.Row.RecordedBy,
            },
            SubscriptionStarted e => ForPlayer(state, seq, at, "dues-started", e.Row.PlayerId) with
            {
                AmountCents = e.Row.AmountCents,
                Detail = e.Row.Status,
            },
            SubscriptionStatusChanged e when e.Row.Status != e.PreviousStatus =>
                ForPlayer(state, seq, at, "dues-" + e.Row.Status.Replace('_', '-'), e.Row.PlayerId) with
                {
                    AmountCents = e.Row.AmountCents,
                    Detail = e.PreviousStatus,
                },
            TournamentScheduled e => Empty(seq, at, "tournament-scheduled") with
            {
                TournamentId = e.Row.Id,
                TournamentName = e.Row.Name,
            },
            TournamentRegistrationChanged e when e.Row.Status != e.PreviousStatus => ForRegistration(state, seq, at, e.Row),
            OutboxEventFailed e => ForPlayer(state, seq, at, "outbox-failed", e.Row.AggregateId) with
            {
                OutboxId = e.Row.Id,
                Method = e.Row.EventType,
                Detail = e.Row.LastError,
            },
            EmailLogged e when e.Row.Status == "failed" || e.Row.EmailType == "contract_signed" => ForEmail(state, seq, at, e.Row),
            _ => null,
        };
    }

    private static TimelineEntry Empty(long seq, DateTimeOffset at, string kind) =>
        new(seq, at, kind, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static TimelineEntry ForPlayer(ClubState state, long seq, DateTimeOffset at, string kind, int playerId)
    {
        var player = state.Player(playerId);
        var team = state.Team(player?.TeamId);
        return Empty(seq, at, kind) with
        {
            PlayerId = playerId,
            PlayerFirstName = player?.FirstName,
            PlayerLastName = player?.LastName,
            ParentId = player?.ParentId,
            TeamId = player?.TeamId,
            TeamName = team?.Name,
        };
    }

    private static TimelineEntry ForContract(ClubState state, long seq, DateTimeOffset at, string kind, ContractRow contract) =>
        ForPlayer(state, seq, at, kind, contract.PlayerId) with
        {
            ContractId = contract.Id,
            ContractVersion = contract.Version,
            AmountCents = contract.AmountCents,
        };

    private static TimelineEntry ForRegistration(ClubState state, long seq, DateTimeOffset at, TournamentRegistrationRow row)
    {
        var kind = row.Status == "registered" ? "tournament-registered" : "tournament-withdrawn";
        var entry = row.PlayerId is { } playerId ? ForPlayer(state, seq, at, kind, playerId) : Empty(seq, at, kind);
        return entry with
        {
            TeamId = row.TeamId,
            TeamName = state.Team(row.TeamId)?.Name,
            TournamentId = row.TournamentId,
            TournamentName = state.Tournaments.TryGetValue(row.TournamentId, out var t) ? t.Name : null,
            Detail = row.FeePaid ? "fee paid" : "fee unpaid",
        };
    }

    private static TimelineEntry ForEmail(ClubState state, long seq, DateTimeOffset at, EmailLogRow row)
    {
        var kind = row.Status == "failed" ? "email-failed" : "welcome-email-sent";
        var entry = row.PlayerId is { } playerId ? ForPlayer(state, seq, at, kind, playerId) : Empty(seq, at, kind);
        return entry with
        {
            ParentId = row.ParentId ?? entry.ParentId,
            Method = row.EmailType,
            Detail = row.Error,
        };
    }
}
