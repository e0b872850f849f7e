using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Shared;

// The versions of a row an event touches: the row the state holds now and the row the event carries.
// The runtime calls Affected before and after folding, so "now" is first the old row, then the new one;
// naming the documents of both versions in each call covers a row that moves (a player changing team).
public static class EventRows
{
    public static IReadOnlyList<PlayerRow> Players(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<PlayerRow> r => Versions(state.Players, r.Row.Id, r.Row),
        PlayerRemoved r => Current(state.Players, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<ParentRow> Parents(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<ParentRow> r => Versions(state.Parents, r.Row.Id, r.Row),
        ParentRemoved r => Current(state.Parents, (int)r.Key),
        _ => [],
    };

    // A removed team is named by its key: players may still point at it.
    public static IReadOnlyList<int> TeamIds(IDomainEvent e) => e switch
    {
        IRowEvent<TeamRow> r => [r.Row.Id],
        TeamRemoved r => [(int)r.Key],
        _ => [],
    };

    public static IReadOnlyList<ContractRow> Contracts(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<ContractRow> r => Versions(state.Contracts, r.Row.Id, r.Row),
        ContractRemoved r => Current(state.Contracts, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<JerseyPaymentRow> JerseyPayments(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<JerseyPaymentRow> r => Versions(state.JerseyPayments, r.Row.Id, r.Row),
        JerseyPaymentRemoved r => Current(state.JerseyPayments, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<SubscriptionRow> Subscriptions(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<SubscriptionRow> r => Versions(state.Subscriptions, r.Row.Id, r.Row),
        SubscriptionRemoved r => Current(state.Subscriptions, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<int> TournamentIds(IDomainEvent e) => e switch
    {
        IRowEvent<TournamentRow> r => [r.Row.Id],
        TournamentRemoved r => [(int)r.Key],
        _ => [],
    };

    public static IReadOnlyList<TournamentRegistrationRow> Registrations(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<TournamentRegistrationRow> r => Versions(state.TournamentRegistrations, r.Row.Id, r.Row),
        TournamentRegistrationRemoved r => Current(state.TournamentRegistrations, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<EmailLogRow> Emails(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<EmailLogRow> r => Versions(state.Emails, r.Row.Id, r.Row),
        EmailLogRemoved r => Current(state.Emails, (int)r.Key),
        _ => [],
    };

    public static IReadOnlyList<OutboxRow> Outbox(ClubState state, IDomainEvent e) => e switch
    {
        IRowEvent<OutboxRow> r => Versions(state.Outbox, r.Row.Id, r.Row),
        OutboxEventRemoved r => Current(state.Outbox, r.Key),
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
