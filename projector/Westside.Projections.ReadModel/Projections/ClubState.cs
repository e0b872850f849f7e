using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Timeline;

namespace Westside.Projections.ReadModel.Projections;

// The club as the event log says it is: every source row, folded from events.
// Pure and deterministic: the same events in the same order give the same state.
// Projections read it to render their documents; only EventFold writes it.
public sealed class ClubState
{
    public Dictionary<int, TeamRow> Teams { get; } = [];
    public Dictionary<int, ParentRow> Parents { get; } = [];
    public Dictionary<int, PlayerRow> Players { get; } = [];
    public Dictionary<int, ContractRow> Contracts { get; } = [];
    public Dictionary<int, JerseyPaymentRow> JerseyPayments { get; } = [];
    public Dictionary<int, SubscriptionRow> Subscriptions { get; } = [];
    public Dictionary<int, TournamentRow> Tournaments { get; } = [];
    public Dictionary<int, TournamentRegistrationRow> TournamentRegistrations { get; } = [];
    public Dictionary<int, EmailLogRow> Emails { get; } = [];
    public Dictionary<long, OutboxRow> Outbox { get; } = [];

    // Secondary indexes, kept by EventFold, so that rendering one document never scans everything.
    public MultiIndex<int, int> PlayersByParent { get; } = new();
    public MultiIndex<int?, int> PlayersByTeam { get; } = new();
    public MultiIndex<int, int> ContractsByPlayer { get; } = new();
    public MultiIndex<int, int> JerseyPaymentsByPlayer { get; } = new();
    public MultiIndex<int, int> SubscriptionsByPlayer { get; } = new();
    public MultiIndex<int, int> SubscriptionsByParent { get; } = new();
    public MultiIndex<int, int> RegistrationsByTournament { get; } = new();
    public MultiIndex<int, int> RegistrationsByTeam { get; } = new();
    public MultiIndex<int, int> RegistrationsByPlayer { get; } = new();
    public MultiIndex<int, int> EmailsByPlayer { get; } = new();
    public MultiIndex<int, int> EmailsByParent { get; } = new();
    public MultiIndex<int, long> OutboxByAggregate { get; } = new();

    // The source snapshot time of the last event folded: the read model's "now",
    // so that documents depend on the log alone and a rebuild renders them byte for byte.
    public DateTimeOffset AsOf { get; set; }

    // AsOf before the last event was folded: projections whose documents depend on the date
    // ("upcoming" tournaments) compare the two to name the documents a new day changes.
    public DateTimeOffset PreviousAsOf { get; set; }

    // What the log said happened, by day: the timeline projection's entries. They need the
    // event's snapshot time and sequence, which only the recorded event carries, so EventFold
    // records them here; bounded to the most recent days.
    public TimelineLog TimelineLog { get; } = new();

    public long LastSequence { get; set; }

    // Bumped by EventFold on every change. Derived values are kept for one version (and one AsOf).
    public long Version { get; internal set; }

    private readonly Dictionary<string, (long Version, DateTimeOffset AsOf, object Value)> _derived = new(StringComparer.Ordinal);
    private readonly Lock _derivedLock = new();

    // A value computed from this state and kept until the state changes: what several documents of one
    // render pass need (a cohort's members by scope) is computed once per batch or rebuild instead of
    // once per document. `compute` must depend on the state only, and `key` must name everything else
    // it depends on.
    public T Derived<T>(string key, Func<ClubState, T> compute)
        where T : class
    {
        lock (_derivedLock)
        {
            if (_derived.TryGetValue(key, out var kept) && kept.Version == Version && kept.AsOf == AsOf)
            {
                return (T)kept.Value;
            }
        }

        var value = compute(this);
        lock (_derivedLock)
        {
            _derived[key] = (Version, AsOf, value);
        }

        return value;
    }
}
