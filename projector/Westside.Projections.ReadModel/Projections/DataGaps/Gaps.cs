using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.DataGaps;

// The gaps, what each one means, and the test for each subject.
public static class Gaps
{
    public const string SignedWithoutOutbox = "signed-without-outbox";
    public const string OutboxWithoutEmail = "outbox-without-email";
    public const string OutboxFailed = "outbox-failed";
    public const string OutboxPending = "outbox-pending";
    public const string TeamWithoutGroupMe = "team-without-groupme";
    public const string PlayerWithoutTeam = "player-without-team";
    public const string ParentUnreachable = "parent-unreachable";
    public const string SignedWithoutJersey = "signed-without-jersey";

    public const string ContractSignedEvent = "contract_signed";

    public static IReadOnlyList<(string Gap, string Label)> All { get; } =
    [
        (SignedWithoutOutbox, "Signed contract with no contract_signed outbox row"),
        (OutboxWithoutEmail, "Processed contract_signed outbox row with no welcome email logged"),
        (OutboxFailed, "Failed outbox rows"),
        (OutboxPending, "Pending outbox rows"),
        (TeamWithoutGroupMe, "Teams without a GroupMe share link"),
        (PlayerWithoutTeam, "Players with no team"),
        (ParentUnreachable, "Parents with neither email nor phone"),
        (SignedWithoutJersey, "Signed players with no net jersey payment"),
    ];

    public static IReadOnlyList<string> PlayerGaps { get; } = [SignedWithoutOutbox, PlayerWithoutTeam, SignedWithoutJersey];

    public static IReadOnlyList<string> OutboxGaps { get; } = [OutboxWithoutEmail, OutboxFailed, OutboxPending];

    public static bool Has(ClubState state, string gap, PlayerRow player) => gap switch
    {
        SignedWithoutOutbox => player.ContractStatus == ClubFacts.Signed
            && !state.OutboxByAggregate[player.Id].Any(id => state.Outbox[id].EventType == ContractSignedEvent),
        PlayerWithoutTeam => player.TeamId is null,
        SignedWithoutJersey => player.ContractStatus == ClubFacts.Signed && !state.JerseyPaid(player.Id),
        _ => false,
    };

    public static bool Has(ClubState state, string gap, OutboxRow row) => gap switch
    {
        OutboxWithoutEmail => row.EventType == ContractSignedEvent && row.Status == "processed"
            && !state.EmailsByPlayer[row.AggregateId].Any(id => state.Emails[id].EmailType == ContractSignedEvent),
        OutboxFailed => row.Status == "failed",
        OutboxPending => row.Status == "pending",
        _ => false,
    };

    public static bool Has(TeamRow team) => !ClubFacts.HasText(team.GroupMeShareUrl);

    public static bool Has(ParentRow parent) => !ClubFacts.HasText(parent.Email) && !ClubFacts.HasText(parent.Phone);
}
