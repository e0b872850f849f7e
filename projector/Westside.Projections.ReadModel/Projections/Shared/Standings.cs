using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections.Shared;

// A player's jersey payments netted (refunds are negative amounts): paid means net > 0.
public sealed record JerseyStanding(
    bool Paid, long NetCents, IReadOnlyList<string> Methods, DateTimeOffset? LastPaidAt,
    IReadOnlyList<string> CashRecordedBy, IReadOnlyList<JerseyPaymentRow> Payments);

// A player's dues: the deciding status (past due over active over canceled, else "none").
public sealed record DuesStanding(string Status, SubscriptionRow? Deciding, IReadOnlyList<SubscriptionRow> Subscriptions);
