using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections;

// state + event -> state. Every row event is an upsert of the row it carries; every removal deletes by key.
public static class EventFold
{
    public static void Apply(ClubState state, RecordedEvent recorded)
    {
        Apply(state, recorded.Event);
        state.LastSequence = recorded.Sequence;
        state.PreviousAsOf = state.AsOf;
        if (recorded.SourceSnapshotAt > state.AsOf)
        {
            state.AsOf = recorded.SourceSnapshotAt;
        }

        state.TimelineLog.Record(state, recorded);
    }

    public static void Apply(ClubState state, IDomainEvent domainEvent)
    {
        state.Version++;
        switch (domainEvent)
        {
            case IRowEvent<TeamRow> e: state.Teams[e.Row.Id] = e.Row; break;
            case TeamRemoved e: state.Teams.Remove((int)e.Key); break;

            case IRowEvent<ParentRow> e: state.Parents[e.Row.Id] = e.Row; break;
            case ParentRemoved e: state.Parents.Remove((int)e.Key); break;

            case IRowEvent<PlayerRow> e: UpsertPlayer(state, e.Row); break;
            case PlayerRemoved e: RemovePlayer(state, (int)e.Key); break;

            case IRowEvent<ContractRow> e:
                Upsert(state.Contracts, state.ContractsByPlayer, e.Row.Id, e.Row, r => r.PlayerId);
                break;
            case ContractRemoved e:
                Remove(state.Contracts, state.ContractsByPlayer, (int)e.Key, r => r.PlayerId);
                break;

            case IRowEvent<JerseyPaymentRow> e:
                Upsert(state.JerseyPayments, state.JerseyPaymentsByPlayer, e.Row.Id, e.Row, r => r.PlayerId);
                break;
            case JerseyPaymentRemoved e:
                Remove(state.JerseyPayments, state.JerseyPaymentsByPlayer, (int)e.Key, r => r.PlayerId);
                break;

            case IRowEvent<SubscriptionRow> e:
                RemoveSubscription(state, e.Row.Id);
                Upsert(state.Subscriptions, state.SubscriptionsByPlayer, e.Row.Id, e.Row, r => r.PlayerId);
                state.SubscriptionsByParent.Add(e.Row.ParentId, e.Row.Id);
                break;
            case SubscriptionRemoved e: RemoveSubscription(state, (int)e.Key); break;

            case IRowEvent<TournamentRow> e: state.Tournaments[e.Row.Id] = e.Row; break;
            case TournamentRemoved e: state.Tournaments.Remove((int)e.Key); break;

            case IRowEvent<TournamentRegistrationRow> e: UpsertRegistration(state, e.Row); break;
            case TournamentRegistrationRemoved e: RemoveRegistration(state, (int)e.Key); break;

            case IRowEvent<EmailLogRow> e: UpsertEmail(state, e.Row); break;
            case EmailLogRemoved e: RemoveEmail(state, (int)e.Key); break;

            case IRowEvent<OutboxRow> e:
                Upsert(state.Outbox, state.OutboxByAggregate, e.Row.Id, e.Row, r => r.AggregateId);
                break;
            case OutboxEventRemoved e:
                Remove(state.Outbox, state.OutboxByAggregate, e.Key, r => r.AggregateId);
                break;

            default:
                throw new InvalidOperationException($"EventFold has no rule for {domainEvent.GetType().Name}.");
        }
    }

    private static void UpsertPlayer(ClubState state, PlayerRow row)
    {
        RemovePlayer(state, row.Id);
        state.Players[row.Id] = row;
        state.PlayersByParent.Add(row.ParentId, row.Id);
        state.PlayersByTeam.Add(row.TeamId, row.Id);
    }

    private static void RemovePlayer(ClubState state, int id)
    {
        if (state.Players.Remove(id, out var old))
        {
            state.PlayersByParent.Remove(old.ParentId, id);
            state.PlayersByTeam.Remove(old.TeamId, id);
        }
    }

    private static void RemoveSubscription(ClubState state, int id)
    {
        if (state.Subscriptions.Remove(id, out var old))
        {
            state.SubscriptionsByPlayer.Remove(old.PlayerId, id);
            state.SubscriptionsByParent.Remove(old.ParentId, id);
        }
    }

    private static void UpsertRegistration(ClubState state, TournamentRegistrationRow row)
    {
        RemoveRegistration(state, row.Id);
        state.TournamentRegistrations[row.Id] = row;
        state.RegistrationsByTournament.Add(row.TournamentId, row.Id);
        state.RegistrationsByTeam.Add(row.TeamId, row.Id);
        if (row.PlayerId is { } playerId)
        {
            state.RegistrationsByPlayer.Add(playerId, row.Id);
        }
    }

    private static void RemoveRegistration(ClubState state, int id)
    {
        if (state.TournamentRegistrations.Remove(id, out var old))
        {
            state.RegistrationsByTournament.Remove(old.TournamentId, id);
            state.RegistrationsByTeam.Remove(old.TeamId, id);
            if (old.PlayerId is { } playerId)
            {
                state.RegistrationsByPlayer.Remove(playerId, id);
            }
        }
    }

    private static void UpsertEmail(ClubState state, EmailLogRow row)
    {
        RemoveEmail(state, row.Id);
        state.Emails[row.Id] = row;
        if (row.PlayerId is { } playerId)
        {
            state.EmailsByPlayer.Add(playerId, row.Id);
        }

        if (row.ParentId is { } parentId)
        {
            state.EmailsByParent.Add(parentId, row.Id);
        }
    }

    private static void RemoveEmail(ClubState state, int id)
    {
        if (state.Emails.Remove(id, out var old))
        {
            if (old.PlayerId is { } playerId)
            {
                state.EmailsByPlayer.Remove(playerId, id);
            }

            if (old.ParentId is { } parentId)
            {
                state.EmailsByParent.Remove(parentId, id);
            }
        }
    }

    private static void Upsert<TId, TRow>(
        Dictionary<TId, TRow> rows, MultiIndex<int, TId> index, TId id, TRow row, Func<TRow, int> owner)
        where TId : notnull, IComparable<TId>
    {
        Remove(rows, index, id, owner);
        rows[id] = row;
        index.Add(owner(row), id);
    }

    private static void Remove<TId, TRow>(
        Dictionary<TId, TRow> rows, MultiIndex<int, TId> index, TId id, Func<TRow, int> owner)
        where TId : notnull, IComparable<TId>
    {
        if (rows.Remove(id, out var old))
        {
            index.Remove(owner(old), id);
        }
    }
}
