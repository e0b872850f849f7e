namespace Westside.Projections.ReadModel.Projections.TeamProgress;

// The numbers of one group of players. SignedPermille = signed * 1000 / players (integer, so the
// document is byte-stable; the page formats it). Contract money: the latest signed contract's
// amount per signed player, and the live 'sent' contract's amount per player still to sign
// (declined ones excluded). Jerseys: net collected. Dues: monthly amount of active subscriptions,
// and the amount of past-due ones.
public sealed record ProgressFigures(
    int PlayerCount,
    int SignedCount,
    int UnsignedCount,
    int SignedPermille,
    int JerseysPaidCount,
    int JerseysUnpaidCount,
    int DuesCurrentCount,
    int DuesPastDueCount,
    long ContractSignedCents,
    long ContractOutstandingCents,
    long JerseyCollectedCents,
    long DuesMonthlyActiveCents,
    long DuesPastDueCents);

// "team:{id}" / "team:none" (kind "team"): lowest share signed first, then team name, id.
public sealed record TeamProgressDocument(int? TeamId, string? TeamName, string? AgeGroup, ProgressFigures Figures);

// "club" (kind "club"): the whole club.
public sealed record ClubProgressDocument(int TeamCount, int PlayersWithoutTeam, ProgressFigures Figures);
