using Westside.Projections.ReadModel.Projections.Timeline;

namespace Westside.Projections.Dashboard.Features.Today;

// Plain words for the timeline's entry kinds.
public static class ChangeText
{
    public static string Label(string kind, int count) => (kind, count == 1) switch
    {
        ("player-registered", true) => "player registered",
        ("player-registered", false) => "players registered",
        ("player-assigned", true) => "player assigned to a team",
        ("player-assigned", false) => "players assigned to a team",
        ("contract-sent", true) => "contract sent",
        ("contract-sent", false) => "contracts sent",
        ("contract-signed", true) => "contract signed",
        ("contract-signed", false) => "contracts signed",
        ("contract-declined", true) => "contract declined",
        ("contract-declined", false) => "contracts declined",
        ("contract-voided", true) => "contract voided",
        ("contract-voided", false) => "contracts voided",
        ("jersey-paid", true) => "jersey payment",
        ("jersey-paid", false) => "jersey payments",
        ("jersey-refund", true) => "jersey refund",
        ("jersey-refund", false) => "jersey refunds",
        ("dues-started", true) => "dues subscription started",
        ("dues-started", false) => "dues subscriptions started",
        ("dues-past-due", true) => "dues gone past due",
        ("dues-past-due", false) => "dues gone past due",
        ("dues-active", _) => "dues back to active",
        ("dues-canceled", _) => "dues canceled",
        ("tournament-scheduled", true) => "tournament scheduled",
        ("tournament-scheduled", false) => "tournaments scheduled",
        ("tournament-registered", true) => "tournament registration",
        ("tournament-registered", false) => "tournament registrations",
        ("tournament-withdrawn", true) => "tournament withdrawal",
        ("tournament-withdrawn", false) => "tournament withdrawals",
        ("outbox-failed", true) => "outbox failure",
        ("outbox-failed", false) => "outbox failures",
        ("welcome-email-sent", true) => "welcome email sent",
        ("welcome-email-sent", false) => "welcome emails sent",
        ("email-failed", true) => "email failed",
        ("email-failed", false) => "emails failed",
        _ => kind.Replace('-', ' '),
    };

    public static string Describe(TimelineEntry e)
    {
        var what = Label(e.Kind, 1);
        var detail = e.Kind switch
        {
            "player-assigned" => e.TeamName is { } team ? $"to {team}" : "to no team",
            "contract-sent" or "contract-signed" or "contract-declined" or "contract-voided" => e.ContractVersion,
            "jersey-paid" or "jersey-refund" => e.AmountCents is { } cents
                ? $"{Infrastructure.Format.Money(cents)} {e.Method}" : e.Method,
            "tournament-scheduled" or "tournament-registered" or "tournament-withdrawn" => e.TournamentName,
            _ => null,
        };
        return detail is null ? what : $"{what}: {detail}";
    }
}
