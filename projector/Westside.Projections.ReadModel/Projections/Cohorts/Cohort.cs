using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Cohorts;

// A named set of players whose parents get one email blast. The fixed cohorts always exist;
// "not-registered-{tournamentId}" exists for each upcoming tournament (ends_on >= AsOf's UTC date).
public sealed record Cohort(
    string Name, string Label, string SortKey, int? TournamentId, Func<ClubState, PlayerRow, bool> Includes)
{
    public const string Unsigned = "unsigned";
    public const string SentNotSigned = "sent-not-signed";
    public const string Declined = "declined";
    public const string JerseyUnpaid = "jersey-unpaid";
    public const string DuesPastDue = "dues-past-due";
    public const string NotRegisteredPrefix = "not-registered-";

    public static IReadOnlyList<Cohort> Fixed { get; } =
    [
        new(Unsigned, "Contract not signed", "01", null, (_, p) => ClubFacts.IsUnsigned(p.ContractStatus)),
        new(SentNotSigned, "Contract sent, not signed", "02", null, (_, p) => p.ContractStatus == ClubFacts.Sent),
        new(Declined, "Contract declined", "03", null, (_, p) => p.ContractStatus == ClubFacts.Declined),
        new(JerseyUnpaid, "Jersey not paid", "04", null, (s, p) => !s.JerseyPaid(p.Id)),
        new(DuesPastDue, "Dues past due", "05", null, (s, p) => s.DuesStatus(p.Id) == "past_due"),
    ];

    public static string NotRegisteredName(int tournamentId) => NotRegisteredPrefix + tournamentId;

    // Players with no 'registered' registration for the tournament (their own, or their team's).
    public static Cohort NotRegistered(TournamentRow tournament) => new(
        NotRegisteredName(tournament.Id),
        $"Not registered: {tournament.Name}",
        SortKeys.Join("10", SortKeys.Day(tournament.StartsOn), SortKeys.Id(tournament.Id)),
        tournament.Id,
        (s, p) => s.RegistrationFor(p, tournament.Id)?.Status != "registered");

    public static IEnumerable<Cohort> Current(ClubState state) =>
        Fixed.Concat(state.Tournaments.Values
            .Where(state.IsUpcoming)
            .OrderBy(t => t.Id)
            .Select(NotRegistered));

    public static Cohort? Find(ClubState state, string name)
    {
        if (name.StartsWith(NotRegisteredPrefix, StringComparison.Ordinal))
        {
            return int.TryParse(name.AsSpan(NotRegisteredPrefix.Length), out var id)
                && state.Tournaments.TryGetValue(id, out var tournament)
                && state.IsUpcoming(tournament)
                && NotRegisteredName(id) == name
                ? NotRegistered(tournament)
                : null;
        }

        return Fixed.FirstOrDefault(c => c.Name == name);
    }
}
