namespace Westside.Projections.ReadModel.Projections.Families;

// "parent:{id}" (kind "family"): everything about one family on one screen: every kid's team,
// contract, jersey, dues and tournaments, whether the welcome email went out, the emails logged
// for the family (newest first, at most FamiliesProjection.MaxEmails; EmailCount counts all), and
// how the parent can be reached. Sorted by parent last name, first name, id. PlayerIds lets a reader
// find a player's family by containment ({"playerIds":[7]}, a DocumentFilters field).
public sealed record FamilyDocument(
    int ParentId,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    bool HasEmail,
    bool HasPhone,
    bool Reachable,
    int KidCount,
    int UnsignedCount,
    IReadOnlyList<int> PlayerIds,
    IReadOnlyList<int> TeamIds,
    IReadOnlyList<string> AgeGroups,
    IReadOnlyList<string> ContractStatuses,
    IReadOnlyList<FamilyKid> Kids,
    int EmailCount,
    IReadOnlyList<FamilyEmail> Emails);

public sealed record FamilyKid(
    int PlayerId,
    string FirstName,
    string LastName,
    int BirthYear,
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    string ContractStatus,
    string? ContractVersion,
    DateTimeOffset? ContractSentAt,
    DateTimeOffset? ContractSignedAt,
    FamilyJersey Jersey,
    FamilyDues Dues,
    FamilyWelcome Welcome,
    IReadOnlyList<FamilyTournament> Tournaments);

public sealed record FamilyJersey(bool Paid, long NetCents, DateTimeOffset? LastPaidAt);

public sealed record FamilyDues(string Status, DateOnly? CurrentPeriodEnd, int? AmountCents);

// The welcome (contract_signed) email: sent or not, from email_log; the outbox row behind it.
public sealed record FamilyWelcome(
    bool EmailSent, string? EmailStatus, DateTimeOffset? EmailAt, string? EmailError,
    long? OutboxId, string? OutboxStatus, string? OutboxError);

public sealed record FamilyTournament(int TournamentId, string Name, DateOnly StartsOn, string Status, bool FeePaid);

public sealed record FamilyEmail(int EmailId, int? PlayerId, string EmailType, string Status, DateTimeOffset SentAt, string? Error);
