using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections;

// Affected must stay proportional to the change: an ordinary event names about as many documents in
// a club eight times larger (an Affected that enumerated teams or players would name eight times
// more). Some slack remains: a team's families spread over more cohort pages in a larger club, up
// to one page per family. Tournament events are global by nature and are not in this list.
public sealed class AffectedWorkTests
{
    private const int PlayerId = 100;

    public static TheoryData<string> Changes => ["status", "move", "payment", "refund", "contract", "parent", "team", "email", "outbox", "subscription", "registration"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void An_ordinary_change_names_no_more_documents_in_a_larger_club(string change)
    {
        var small = Named(Club(600), change);
        var large = Named(Club(4800), change);

        foreach (var projection in ProjectionCatalog.All)
        {
            Assert.True(
                large[projection.Name] <= (3 * small[projection.Name]) + 12,
                $"{projection.Name}: {change} names {small[projection.Name]} documents at 600 players, {large[projection.Name]} at 4,800");
        }
    }

    private static ClubState Club(int players)
    {
        var state = new ClubState();
        var sequence = 0L;
        foreach (var e in DemoClub.Events(players))
        {
            EventFold.Apply(state, new RecordedEvent(++sequence, "test", "key", Rows.At(26), Rows.At(26), e));
        }

        return state;
    }

    private static Dictionary<string, int> Named(ClubState state, string change)
    {
        var player = state.Players[PlayerId];
        var parent = state.Parents[player.ParentId];
        var team = state.Teams[player.TeamId ?? 1];
        IDomainEvent e = change switch
        {
            "status" => new PlayerContractStatusChanged(player with { ContractStatus = "declined" }, player.ContractStatus),
            "move" => new PlayerAssignedToTeam(player with { TeamId = 3 }, player.TeamId),
            "payment" => new JerseyPaymentRecorded(Rows.Payment(9_000_001, PlayerId)),
            "refund" => new JerseyPaymentRecorded(Rows.Payment(9_000_002, PlayerId, -3500)),
            "contract" => new ContractSigned(Rows.Contract(9_000_003, PlayerId, "signed", signedAt: Rows.At(26))),
            "parent" => new ParentContactChanged(parent with { Email = null }),
            "team" => new TeamChanged(team with { Name = "Renamed", AgeGroup = "17U" }),
            "email" => new EmailLogged(Rows.Email(9_000_004, parent.Id, PlayerId)),
            "outbox" => new OutboxEventFailed(Rows.Outbox(9_000_005, PlayerId, "failed", error: "x")),
            "subscription" => new SubscriptionStarted(Rows.Subscription(9_000_006, PlayerId, parent.Id, "past_due")),
            _ => new TournamentRegistrationChanged(Rows.Registration(9_000_007, 1, team.Id, PlayerId), null),
        };
        var named = new Dictionary<string, int>();
        foreach (var projection in ProjectionCatalog.All)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            projection.Affected(state, e, ids);
            named[projection.Name] = ids.Count;
        }

        return named;
    }
}
