using System.Numerics;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Shared;

// The versions of a row an event touches: the row the state holds now and the row the event carries.
// The runtime calls Affected before and after folding, so "now" is first the old row, then the new one;
// naming the documents of both versions in each call covers a row that moves (a player changing team).
public static class EventRows
{
    public static IReadOnlyList<PlayerRow> Players(ClubState state, IDomainEvent e) =>
        Touched<int, PlayerRow, PlayerRemoved>(state.Players, e, r => r.Id);

    public static IReadOnlyList<ParentRow> Parents(ClubState state, IDomainEvent e) =>
        Touched<int, ParentRow, ParentRemoved>(state.Parents, e, r => r.Id);

    // A removed team is named by its key: players may still point at it.
    public static IReadOnlyList<int> TeamIds(IDomainEvent e) => Keys<TeamRow, TeamRemoved>(e, r => r.Id);

    public static IReadOnlyList<ContractRow> Contracts(ClubState state, IDomainEvent e) =>
        Touched<int, ContractRow, ContractRemoved>(state.Contracts, e, r => r.Id);

    public static IReadOnlyList<JerseyPaymentRow> JerseyPayments(ClubState state, IDomainEvent e) =>
        Touched<int, JerseyPaymentRow, JerseyPaymentRemoved>(state.JerseyPayments, e, r => r.Id);

    public static IReadOnlyList<SubscriptionRow> Subscriptions(ClubState state, IDomainEvent e) =>
        Touched<int, SubscriptionRow, SubscriptionRemoved>(state.Subscriptions, e, r => r.Id);

    public static IReadOnlyList<int> TournamentIds(IDomainEvent e) => Keys<TournamentRow, TournamentRemoved>(e, r => r.Id);

    public static IReadOnlyList<TournamentRegistrationRow> Registrations(ClubState state, IDomainEvent e) =>
        Touched<int, TournamentRegistrationRow, TournamentRegistrationRemoved>(state.TournamentRegistrations, e, r => r.Id);

    public static IReadOnlyList<EmailLogRow> Emails(ClubState state, IDomainEvent e) =>
        Touched<int, EmailLogRow, EmailLogRemoved>(state.Emails, e, r => r.Id);

    public static IReadOnlyList<OutboxRow> Outbox(ClubState state, IDomainEvent e) =>
        Touched<long, OutboxRow, OutboxEventRemoved>(state.Outbox, e, r => r.Id);

    // Removal events carry the key as a long; the int-keyed tables narrow it the way EventFold does ((int)key).
    private static IReadOnlyList<TRow> Touched<TId, TRow, TRemoved>(Dictionary<TId, TRow> rows, IDomainEvent e, Func<TRow, TId> id)
        where TId : notnull, IBinaryInteger<TId>
        where TRow : class
        where TRemoved : IRemovalEvent => e switch
        {
            IRowEvent<TRow> r => Versions(rows, id(r.Row), r.Row),
            TRemoved r => Current(rows, TId.CreateTruncating(r.Key)),
            _ => [],
        };

    private static IReadOnlyList<int> Keys<TRow, TRemoved>(IDomainEvent e, Func<TRow, int> id)
        where TRemoved : IRemovalEvent => e switch
        {
            IRowEvent<TRow> r => [id(r.Row)],
            TRemoved r => [(int)r.Key],
            _ => [],
        };

    private static IReadOnlyList<T> Versions<TId, T>(Dictionary<TId, T> rows, TId id, T row)
        where TId : notnull
        where T : class =>
        rows.TryGetValue(id, out var current) && !current.Equals(row) ? [current, row] : [row];

    private static IReadOnlyList<T> Current<TId, T>(Dictionary<TId, T> rows, TId id)
        where TId : notnull
        where T : class =>
        rows.TryGetValue(id, out var current) ? [current] : [];
}
