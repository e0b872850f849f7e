using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Shared;

// Facts several projections derive from the same rows, in one place so they agree.
// Every lookup tolerates a dangling reference (a player whose team or parent row is gone).
public static class ClubFacts
{
    public const string Signed = "signed";
    public const string Sent = "sent";
    public const string Declined = "declined";
    public const string None = "none";
    public const string Voided = "voided";

    public static bool IsUnsigned(string contractStatus) => contractStatus is None or Sent or Declined;

    public static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);

    public static TeamRow? Team(this ClubState state, int? teamId) =>
        teamId is { } id && state.Teams.TryGetValue(id, out var team) ? team : null;

    public static ParentRow? Parent(this ClubState state, int parentId) =>
        state.Parents.TryGetValue(parentId, out var parent) ? parent : null;

    public static PlayerRow? Player(this ClubState state, int playerId) =>
        state.Players.TryGetValue(playerId, out var player) ? player : null;

    public static IEnumerable<PlayerRow> PlayersOfTeam(this ClubState state, int? teamId) =>
        state.PlayersByTeam[teamId].Select(id => state.Players[id]);

    public static IEnumerable<PlayerRow> PlayersOfParent(this ClubState state, int parentId) =>
        state.PlayersByParent[parentId].Select(id => state.Players[id]);

    public static IEnumerable<ContractRow> ContractsOf(this ClubState state, int playerId) =>
        state.ContractsByPlayer[playerId].Select(id => state.Contracts[id]);

    // The contract the player is being asked to sign now: the latest one not voided (by sent_at, then id).
    // Loops rather than LINQ: these run for every player when a summary renders.
    public static ContractRow? LatestLiveContract(this ClubState state, int playerId)
    {
        ContractRow? best = null;
        foreach (var id in state.ContractsByPlayer[playerId])
        {
            var contract = state.Contracts[id];
            if (contract.Status != Voided && (best is null || Later(contract.SentAt, contract.Id, best.SentAt, best.Id)))
            {
                best = contract;
            }
        }

        return best;
    }

    public static ContractRow? LatestSignedContract(this ClubState state, int playerId)
    {
        ContractRow? best = null;
        foreach (var id in state.ContractsByPlayer[playerId])
        {
            var contract = state.Contracts[id];
            if (contract.Status == Signed
                && (best is null || Later(contract.SignedAt ?? contract.SentAt, contract.Id, best.SignedAt ?? best.SentAt, best.Id)))
            {
                best = contract;
            }
        }

        return best;
    }

    public static long JerseyNetCents(this ClubState state, int playerId)
    {
        long net = 0;
        var ids = state.JerseyPaymentsByPlayer[playerId];
        if (ids.Count == 0)
        {
            return net;
        }

        foreach (var id in ids)
        {
            net += state.JerseyPayments[id].AmountCents;
        }

        return net;
    }

    public static bool JerseyPaid(this ClubState state, int playerId) => state.JerseyNetCents(playerId) > 0;

    public static string DuesStatus(this ClubState state, int playerId)
    {
        var best = "none";
        var ids = state.SubscriptionsByPlayer[playerId];
        if (ids.Count == 0)
        {
            return best;
        }

        foreach (var id in ids)
        {
            var status = state.Subscriptions[id].Status;
            if (DuesRank(status) < DuesRank(best))
            {
                best = status;
            }
        }

        return best;
    }

    public static JerseyStanding Jersey(this ClubState state, int playerId)
    {
        var payments = state.JerseyPaymentsByPlayer[playerId]
            .Select(id => state.JerseyPayments[id])
            .OrderBy(p => p.PaidAt)
            .ThenBy(p => p.Id)
            .ToList();
        var net = payments.Sum(p => (long)p.AmountCents);
        var methods = payments.Select(p => p.Method).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lastPaid = payments.Where(p => p.AmountCents > 0).Select(p => (DateTimeOffset?)p.PaidAt).Max();
        var cashBy = payments
            .Where(p => p.Method == "cash" && HasText(p.RecordedBy))
            .Select(p => p.RecordedBy!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new JerseyStanding(net > 0, net, methods, lastPaid, cashBy, payments);
    }

    public static DuesStanding Dues(this ClubState state, int playerId)
    {
        var subscriptions = state.SubscriptionsByPlayer[playerId]
            .Select(id => state.Subscriptions[id])
            .OrderBy(s => DuesRank(s.Status))
            .ThenBy(s => s.CurrentPeriodEnd)
            .ThenBy(s => s.Id)
            .ToList();
        var status = state.DuesStatus(playerId);
        return new DuesStanding(status, subscriptions.FirstOrDefault(), subscriptions);
    }

    // The status that decides a player's dues standing: past due wins over active, active over canceled.
    public static int DuesRank(string status) => status switch
    {
        "past_due" => 0,
        "active" => 1,
        "canceled" => 2,
        _ => 3,
    };

    // The registration that decides whether a player is in a tournament: the player's own rows first
    // (a player-level withdrawal overrides the team's entry), else the team-level rows (player_id null).
    // Among candidates a 'registered' row wins, then the latest (registered_at, then id).
    public static TournamentRegistrationRow? RegistrationFor(this ClubState state, PlayerRow player, int tournamentId)
    {
        // Count checks first: most players have no rows, and enumerating an index set allocates.
        TournamentRegistrationRow? chosen = null;
        var own = state.RegistrationsByPlayer[player.Id];
        foreach (var id in own.Count == 0 ? [] : own)
        {
            var row = state.TournamentRegistrations[id];
            if (row.TournamentId == tournamentId && (chosen is null || Decides(row, chosen)))
            {
                chosen = row;
            }
        }

        if (chosen is not null || player.TeamId is not { } teamId)
        {
            return chosen;
        }

        foreach (var id in state.RegistrationsByTeam[teamId])
        {
            var row = state.TournamentRegistrations[id];
            if (row.TournamentId == tournamentId && row.PlayerId is null && (chosen is null || Decides(row, chosen)))
            {
                chosen = row;
            }
        }

        return chosen;
    }

    // Tournaments a player has any registration row for (own or the team's), in id order.
    public static IEnumerable<int> TournamentIdsFor(this ClubState state, PlayerRow player)
    {
        var own = state.RegistrationsByPlayer[player.Id].Select(id => state.TournamentRegistrations[id].TournamentId);
        var team = player.TeamId is { } teamId
            ? state.RegistrationsByTeam[teamId]
                .Select(id => state.TournamentRegistrations[id])
                .Where(r => r.PlayerId is null)
                .Select(r => r.TournamentId)
            : [];
        return own.Concat(team).Distinct().Order();
    }

    public static DateOnly Today(this ClubState state) => DateOnly.FromDateTime(state.AsOf.UtcDateTime);

    public static bool IsUpcoming(this ClubState state, TournamentRow tournament) => tournament.EndsOn >= state.Today();

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM");

    private static bool Decides(TournamentRegistrationRow row, TournamentRegistrationRow current)
    {
        var registered = row.Status == "registered";
        if (registered != (current.Status == "registered"))
        {
            return registered;
        }

        return Later(row.RegisteredAt, row.Id, current.RegisteredAt, current.Id);
    }

    private static bool Later(DateTimeOffset at, long id, DateTimeOffset otherAt, long otherId) =>
        at > otherAt || (at == otherAt && id > otherId);
}
