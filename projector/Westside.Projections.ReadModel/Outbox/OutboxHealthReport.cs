namespace Westside.Projections.ReadModel.Outbox;

// A health verdict: the state, why (one short reason per problem), and one line a phone can read.
public sealed record OutboxHealthReport(OutboxHealthState State, IReadOnlyList<string> Reasons, string Headline);
