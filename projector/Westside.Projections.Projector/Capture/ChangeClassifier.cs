using System.Collections.Frozen;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Capture;

// Turns a row's previous image and its current version into domain events: pure, no I/O.
// Rules: an unchanged row yields nothing; a new row yields its table's "added" event (or the event of
// the state it was inserted in); a changed row yields one event per story that changed (team assignment
// AND contract status are two events), each carrying the full current row, plus the table's generic
// "changed" event when other fields changed, or when nothing more specific describes the change.
public static class ChangeClassifier
{
    private sealed record TableRules(Type RowType, Func<long, IDomainEvent> Removed);

    // Keyed by the mapping layer's table names: which row record each source table is read into.
    private static readonly FrozenDictionary<string, TableRules> Tables = new Dictionary<string, TableRules>
    {
        [SourceContract.Teams.Name] = new(typeof(TeamRow), k => new TeamRemoved(k)),
        [SourceContract.Parents.Name] = new(typeof(ParentRow), k => new ParentRemoved(k)),
        [SourceContract.Players.Name] = new(typeof(PlayerRow), k => new PlayerRemoved(k)),
        [SourceContract.Contracts.Name] = new(typeof(ContractRow), k => new ContractRemoved(k)),
        [SourceContract.JerseyPayments.Name] = new(typeof(JerseyPaymentRow), k => new JerseyPaymentRemoved(k)),
        [SourceContract.Subscriptions.Name] = new(typeof(SubscriptionRow), k => new SubscriptionRemoved(k)),
        [SourceContract.Tournaments.Name] = new(typeof(TournamentRow), k => new TournamentRemoved(k)),
        [SourceContract.TournamentRegistrations.Name] =
            new(typeof(TournamentRegistrationRow), k => new TournamentRegistrationRemoved(k)),
        [SourceContract.EmailLog.Name] = new(typeof(EmailLogRow), k => new EmailLogRemoved(k)),
        [SourceContract.Outbox.Name] = new(typeof(OutboxRow), k => new OutboxEventRemoved(k)),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Type RowType(SourceTable table) => RulesFor(table).RowType;

    public static IDomainEvent Removed(SourceTable table, long key) => RulesFor(table).Removed(key);

    public static IReadOnlyList<IDomainEvent> Classify(object? before, object after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is not null && before.GetType() != after.GetType())
        {
            throw new ArgumentException($"Cannot compare a {before.GetType().Name} with a {after.GetType().Name}.", nameof(before));
        }

        if (after.Equals(before))
        {
            return [];
        }

        return after switch
        {
            TeamRow a => Team(before as TeamRow, a),
            ParentRow a => Parent(before as ParentRow, a),
            PlayerRow a => Player(before as PlayerRow, a),
            ContractRow a => Contract(before as ContractRow, a),
            JerseyPaymentRow a => before is null ? [new JerseyPaymentRecorded(a)] : [new JerseyPaymentChanged(a)],
            SubscriptionRow a => Subscription(before as SubscriptionRow, a),
            TournamentRow a => before is null ? [new TournamentScheduled(a)] : [new TournamentChanged(a)],
            TournamentRegistrationRow a => [new TournamentRegistrationChanged(a, (before as TournamentRegistrationRow)?.Status)],
            EmailLogRow a => before is null ? [new EmailLogged(a)] : [new EmailLogChanged(a)],
            OutboxRow a => [Outbox(before as OutboxRow, a)],
            _ => throw new ArgumentException($"No change rules for {after.GetType().Name}.", nameof(after)),
        };
    }

    private static TableRules RulesFor(SourceTable table) =>
        Tables.TryGetValue(table.Name, out var rules)
            ? rules
            : throw new InvalidOperationException($"ChangeClassifier has no rules for source table '{table.Name}'.");

    private static List<IDomainEvent> Team(TeamRow? b, TeamRow a)
    {
        if (b is null)
        {
            return [new TeamAdded(a)];
        }

        var events = new List<IDomainEvent>();
        if (b.GroupMeGroupId != a.GroupMeGroupId || b.GroupMeShareUrl != a.GroupMeShareUrl)
        {
            events.Add(new TeamGroupMeLinkChanged(a));
        }

        var rest = b with { GroupMeGroupId = a.GroupMeGroupId, GroupMeShareUrl = a.GroupMeShareUrl };
        if (rest != a || events.Count == 0)
        {
            events.Add(new TeamChanged(a));
        }

        return events;
    }

    private static List<IDomainEvent> Parent(ParentRow? b, ParentRow a)
    {
        if (b is null)
        {
            return [new ParentRegistered(a)];
        }

        var events = new List<IDomainEvent>();
        if (b.Email != a.Email || b.Phone != a.Phone)
        {
            events.Add(new ParentContactChanged(a));
        }

        if ((b with { Email = a.Email, Phone = a.Phone }) != a || events.Count == 0)
        {
            events.Add(new ParentChanged(a));
        }

        return events;
    }

    // updated_at moves with every write: on its own it is a PlayerChanged, next to a specific event it is noise.
    private static List<IDomainEvent> Player(PlayerRow? b, PlayerRow a)
    {
        if (b is null)
        {
            return [new PlayerRegistered(a)];
        }

        var events = new List<IDomainEvent>();
        if (b.TeamId != a.TeamId)
        {
            events.Add(new PlayerAssignedToTeam(a, b.TeamId));
        }

        if (b.ContractStatus != a.ContractStatus)
        {
            events.Add(new PlayerContractStatusChanged(a, b.ContractStatus));
        }

        if ((b with { TeamId = a.TeamId, ContractStatus = a.ContractStatus, UpdatedAt = a.UpdatedAt }) != a || events.Count == 0)
        {
            events.Add(new PlayerChanged(a));
        }

        return events;
    }

    // A status change brings its own timestamps and signer: those belong to the status event.
    private static List<IDomainEvent> Contract(ContractRow? b, ContractRow a)
    {
        if (b is null)
        {
            return [ContractStatusEvent(a)];
        }

        var events = new List<IDomainEvent>();
        if (b.Status != a.Status)
        {
            events.Add(ContractStatusEvent(a));
        }

        var incidental = b.Status != a.Status
            ? b with { Status = a.Status, SignedAt = a.SignedAt, DeclinedAt = a.DeclinedAt, SignerName = a.SignerName }
            : b;
        if (incidental != a || events.Count == 0)
        {
            events.Add(new ContractChanged(a));
        }

        return events.Distinct().ToList();
    }

    private static IDomainEvent ContractStatusEvent(ContractRow a) => a.Status switch
    {
        "sent" => new ContractSent(a),
        "signed" => new ContractSigned(a),
        "declined" => new ContractDeclined(a),
        "voided" => new ContractVoided(a),
        _ => new ContractChanged(a),
    };

    private static List<IDomainEvent> Subscription(SubscriptionRow? b, SubscriptionRow a)
    {
        if (b is null)
        {
            return [new SubscriptionStarted(a)];
        }

        var events = new List<IDomainEvent>();
        if (b.Status != a.Status)
        {
            events.Add(new SubscriptionStatusChanged(a, b.Status));
        }

        if ((b with { Status = a.Status }) != a || events.Count == 0)
        {
            events.Add(new SubscriptionChanged(a));
        }

        return events;
    }

    // The outbox row is a small state machine: one event per change, named by where it went.
    private static IDomainEvent Outbox(OutboxRow? b, OutboxRow a)
    {
        if (b is null)
        {
            return a.Status switch
            {
                "pending" => new OutboxEventQueued(a),
                "processed" => new OutboxEventProcessed(a),
                "failed" => new OutboxEventFailed(a),
                _ => new OutboxEventChanged(a),
            };
        }

        if (a.Status == "processed" && b.Status != "processed")
        {
            return new OutboxEventProcessed(a);
        }

        // A failure recorded: the row turned failed, or failed again on a retry (attempts or error moved).
        if (a.Status == "failed" && (b.Status != "failed" || b.Attempts != a.Attempts || b.LastError != a.LastError))
        {
            return new OutboxEventFailed(a);
        }

        if (a.Status == "pending" && b.Attempts != a.Attempts)
        {
            return new OutboxEventRetried(a);
        }

        return new OutboxEventChanged(a);
    }
}
