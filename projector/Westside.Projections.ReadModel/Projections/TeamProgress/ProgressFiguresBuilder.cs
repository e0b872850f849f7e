using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.TeamProgress;

// Adds up players into ProgressFigures: one pass, the same rules for a team and for the club;
// plain loops, since the club document adds up every player.
public static class ProgressFiguresBuilder
{
    public static ProgressFigures From(ClubState state, IEnumerable<PlayerRow> players)
    {
        int count = 0, signed = 0, jerseysPaid = 0, duesCurrent = 0, duesPastDue = 0;
        long signedCents = 0, outstandingCents = 0, jerseyCents = 0, monthlyCents = 0, pastDueCents = 0;
        foreach (var player in players)
        {
            count++;
            if (player.ContractStatus == ClubFacts.Signed)
            {
                signed++;
                signedCents += state.LatestSignedContract(player.Id)?.AmountCents ?? 0;
            }
            else if (player.ContractStatus != ClubFacts.Declined
                && state.LatestLiveContract(player.Id) is { Status: ClubFacts.Sent } live)
            {
                outstandingCents += live.AmountCents;
            }

            var net = state.JerseyNetCents(player.Id);
            jerseysPaid += net > 0 ? 1 : 0;
            jerseyCents += net;

            var dues = state.DuesStatus(player.Id);
            duesCurrent += dues == "active" ? 1 : 0;
            duesPastDue += dues == "past_due" ? 1 : 0;
            foreach (var id in state.SubscriptionsByPlayer[player.Id])
            {
                var subscription = state.Subscriptions[id];
                monthlyCents += subscription.Status == "active" ? subscription.AmountCents : 0;
                pastDueCents += subscription.Status == "past_due" ? subscription.AmountCents : 0;
            }
        }

        return new ProgressFigures(
            count, signed, count - signed, count == 0 ? 0 : signed * 1000 / count,
            jerseysPaid, count - jerseysPaid, duesCurrent, duesPastDue,
            signedCents, outstandingCents, jerseyCents, monthlyCents, pastDueCents);
    }
}
