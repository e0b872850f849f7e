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
}
