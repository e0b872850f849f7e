namespace Westside.Projections.ReadModel.Projections.Dues;

// "team:{id}" / "team:none" (kind "team"), paged like triage ("team:{id}/page:{n}", kind "team-page"):
// every player's dues standing, past due first.
public sealed record DuesTeamDocument(
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int PlayerCount,
    int ActiveCount,
    int PastDueCount,
    int CanceledCount,
    int NoSubscriptionCount,
    long MonthlyActiveCents,
    long PastDueCents,
    int Page,
    int PageCount,
    IReadOnlyList<DuesPlayer> Players);

public sealed record DuesPageDocument(int? TeamId, string? AgeGroup, int Page, int PageCount, IReadOnlyList<DuesPlayer> Players);

// Status: past_due if any subscription is past due, else active, else canceled, else "none".
// CurrentPeriodEnd and AmountCents come from the subscription that decides the status.
public sealed record DuesPlayer(
    int PlayerId,
    string FirstName,
    string LastName,
    string Status,
    DateOnly? CurrentPeriodEnd,
    int? AmountCents,
    IReadOnlyList<DuesSubscription> Subscriptions);

public sealed record DuesSubscription(
    int SubscriptionId, int ParentId, string Plan, string Status, int AmountCents, DateOnly CurrentPeriodEnd);

// "past-due:{subscriptionId}" (kind "past-due"): the past-due list, oldest period end first,
// with the paying parent's contact (null when the source has none).
public sealed record PastDueDocument(
    int SubscriptionId,
    int PlayerId,
    string? PlayerFirstName,
    string? PlayerLastName,
    int? TeamId,
    string? TeamName,
    string? AgeGroup,
    int ParentId,
    string? ParentFirstName,
    string? ParentLastName,
    string? ParentEmail,
    string? ParentPhone,
    string Plan,
    int AmountCents,
    DateOnly CurrentPeriodEnd);

// "summary" (kind "summary").
public sealed record DuesSummaryDocument(
    int PlayerCount,
    int ActivePlayers,
    int PastDuePlayers,
    int CanceledPlayers,
    int NoSubscriptionPlayers,
    int SubscriptionCount,
    int ActiveSubscriptions,
    int PastDueSubscriptions,
    int CanceledSubscriptions,
    long MonthlyActiveCents,
    long PastDueCents);
