namespace Westside.Projections.ReadModel.Events;

// Every event names what happened and carries the source row as it is after the change
// (or the key, for a removal), so folding the log rebuilds the source's state exactly.
public interface IDomainEvent;

public interface IRowEvent<out TRow> : IDomainEvent
{
    TRow Row { get; }
}

public interface IRemovalEvent : IDomainEvent
{
    long Key { get; }
}

// teams
public sealed record TeamAdded(TeamRow Row) : IRowEvent<TeamRow>;
public sealed record TeamGroupMeLinkChanged(TeamRow Row) : IRowEvent<TeamRow>;
public sealed record TeamChanged(TeamRow Row) : IRowEvent<TeamRow>;
public sealed record TeamRemoved(long Key) : IRemovalEvent;

// parents
public sealed record ParentRegistered(ParentRow Row) : IRowEvent<ParentRow>;
public sealed record ParentContactChanged(ParentRow Row) : IRowEvent<ParentRow>;
public sealed record ParentChanged(ParentRow Row) : IRowEvent<ParentRow>;
public sealed record ParentRemoved(long Key) : IRemovalEvent;

// players
public sealed record PlayerRegistered(PlayerRow Row) : IRowEvent<PlayerRow>;
public sealed record PlayerAssignedToTeam(PlayerRow Row, int? PreviousTeamId) : IRowEvent<PlayerRow>;
public sealed record PlayerContractStatusChanged(PlayerRow Row, string PreviousStatus) : IRowEvent<PlayerRow>;
public sealed record PlayerChanged(PlayerRow Row) : IRowEvent<PlayerRow>;
public sealed record PlayerRemoved(long Key) : IRemovalEvent;

// contracts
public sealed record ContractSent(ContractRow Row) : IRowEvent<ContractRow>;
public sealed record ContractSigned(ContractRow Row) : IRowEvent<ContractRow>;
public sealed record ContractDeclined(ContractRow Row) : IRowEvent<ContractRow>;
public sealed record ContractVoided(ContractRow Row) : IRowEvent<ContractRow>;
public sealed record ContractChanged(ContractRow Row) : IRowEvent<ContractRow>;
public sealed record ContractRemoved(long Key) : IRemovalEvent;

// jersey_payments
public sealed record JerseyPaymentRecorded(JerseyPaymentRow Row) : IRowEvent<JerseyPaymentRow>;
public sealed record JerseyPaymentChanged(JerseyPaymentRow Row) : IRowEvent<JerseyPaymentRow>;
public sealed record JerseyPaymentRemoved(long Key) : IRemovalEvent;

// subscriptions
public sealed record SubscriptionStarted(SubscriptionRow Row) : IRowEvent<SubscriptionRow>;
public sealed record SubscriptionStatusChanged(SubscriptionRow Row, string PreviousStatus) : IRowEvent<SubscriptionRow>;
public sealed record SubscriptionChanged(SubscriptionRow Row) : IRowEvent<SubscriptionRow>;
public sealed record SubscriptionRemoved(long Key) : IRemovalEvent;

// tournaments
public sealed record TournamentScheduled(TournamentRow Row) : IRowEvent<TournamentRow>;
public sealed record TournamentChanged(TournamentRow Row) : IRowEvent<TournamentRow>;
public sealed record TournamentRemoved(long Key) : IRemovalEvent;

// tournament_registrations
public sealed record TournamentRegistrationChanged(TournamentRegistrationRow Row, string? PreviousStatus)
    : IRowEvent<TournamentRegistrationRow>;
public sealed record TournamentRegistrationRemoved(long Key) : IRemovalEvent;

// email_log
public sealed record EmailLogged(EmailLogRow Row) : IRowEvent<EmailLogRow>;
public sealed record EmailLogChanged(EmailLogRow Row) : IRowEvent<EmailLogRow>;
public sealed record EmailLogRemoved(long Key) : IRemovalEvent;

// outbox
public sealed record OutboxEventQueued(OutboxRow Row) : IRowEvent<OutboxRow>;
public sealed record OutboxEventRetried(OutboxRow Row) : IRowEvent<OutboxRow>;
public sealed record OutboxEventProcessed(OutboxRow Row) : IRowEvent<OutboxRow>;
public sealed record OutboxEventFailed(OutboxRow Row) : IRowEvent<OutboxRow>;
public sealed record OutboxEventChanged(OutboxRow Row) : IRowEvent<OutboxRow>;
public sealed record OutboxEventRemoved(long Key) : IRemovalEvent;
