namespace Westside.Projections.ReadModel.Events;

// The source values events carry, in our own names. The mapping from basketball-api's column
// names lives in one place: projector/.../Source/SourceContract.cs.

public sealed record TeamRow(
    int Id, string Name, string Season, string AgeGroup, string Gender, string? CoachName,
    string? GroupMeGroupId, string? GroupMeShareUrl, DateTimeOffset CreatedAt);

public sealed record ParentRow(
    int Id, string FirstName, string LastName, string? Email, string? Phone, DateTimeOffset CreatedAt);

public sealed record PlayerRow(
    int Id, int ParentId, int? TeamId, string FirstName, string LastName, int BirthYear, int? Grade,
    string ContractStatus, string? JerseySize, int? JerseyNumber, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ContractRow(
    int Id, int PlayerId, string Version, int AmountCents, string Status, DateTimeOffset SentAt,
    DateTimeOffset? SignedAt, DateTimeOffset? DeclinedAt, string? SignerName);

public sealed record JerseyPaymentRow(
    int Id, int PlayerId, int AmountCents, string Method, DateTimeOffset PaidAt, string? RecordedBy, string? Note);

public sealed record SubscriptionRow(
    int Id, int PlayerId, int ParentId, string Plan, int AmountCents, string Status, DateOnly CurrentPeriodEnd,
    DateTimeOffset CreatedAt);

public sealed record TournamentRow(
    int Id, string Name, string? Location, DateOnly StartsOn, DateOnly EndsOn, DateOnly? RegistrationDeadline,
    int FeeCents);

public sealed record TournamentRegistrationRow(
    int Id, int TournamentId, int TeamId, int? PlayerId, string Status, bool FeePaid, DateTimeOffset RegisteredAt);

public sealed record EmailLogRow(
    int Id, int? ParentId, int? PlayerId, string EmailType, string Status, string? Error, DateTimeOffset SentAt);

public sealed record OutboxRow(
    long Id, string EventType, int AggregateId, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? ProcessedAt);
