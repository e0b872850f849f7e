using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Tests.Support;

// Row builders with plain defaults, so a test names only what its story is about.
public static class Rows
{
    public static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Noon (or the hour given) of the given day of March 2026.
    public static DateTimeOffset At(int day, int hour = 12) => March1.AddDays(day - 1).AddHours(hour);

    public static TeamRow Team(int id, string name = "", string ageGroup = "14U", string? shareUrl = "https://groupme.com/join/x") =>
        new(id, name.Length == 0 ? $"Team {id}" : name, "2026-spring", ageGroup, "girls", "Coach", shareUrl is null ? null : "g" + id,
            shareUrl, At(1));

    public static ParentRow Parent(int id, string first = "Pat", string last = "", string? email = "", string? phone = "555-0100") =>
        new(id, first, last.Length == 0 ? $"Parent{id}" : last, email == "" ? $"parent{id}@example.com" : email, phone, At(1));

    public static PlayerRow Player(int id, int parentId, int? teamId, string status = "none", string first = "", string last = "") =>
        new(id, parentId, teamId, first.Length == 0 ? $"Kid{id}" : first, last.Length == 0 ? $"Parent{parentId}" : last,
            2012, 8, status, "YM", null, At(1), At(1));

    public static ContractRow Contract(
        int id, int playerId, string status = "sent", string version = "2026-spring-v1", int amountCents = 45000,
        DateTimeOffset? sentAt = null, DateTimeOffset? signedAt = null, DateTimeOffset? declinedAt = null, string? signer = null) =>
        new(id, playerId, version, amountCents, status, sentAt ?? At(1), signedAt, declinedAt, signer);

    public static JerseyPaymentRow Payment(
        int id, int playerId, int amountCents = 3500, string method = "stripe", DateTimeOffset? paidAt = null, string? recordedBy = null) =>
        new(id, playerId, amountCents, method, paidAt ?? At(2), recordedBy, null);

    public static SubscriptionRow Subscription(
        int id, int playerId, int parentId, string status = "active", int amountCents = 6000, DateOnly? periodEnd = null) =>
        new(id, playerId, parentId, "monthly", amountCents, status, periodEnd ?? new DateOnly(2026, 4, 1), At(1));

    public static TournamentRow Tournament(int id, string name = "", DateOnly? startsOn = null, int days = 2, DateOnly? deadline = null, int feeCents = 35000)
    {
        var start = startsOn ?? new DateOnly(2026, 4, 10);
        return new(id, name.Length == 0 ? $"Tournament {id}" : name, "Gym", start, start.AddDays(days - 1), deadline, feeCents);
    }

    public static TournamentRegistrationRow Registration(
        int id, int tournamentId, int teamId, int? playerId = null, string status = "registered", bool feePaid = false) =>
        new(id, tournamentId, teamId, playerId, status, feePaid, At(1));

    public static EmailLogRow Email(
        int id, int? parentId, int? playerId, string type = "contract_signed", string status = "sent", string? error = null,
        DateTimeOffset? sentAt = null) =>
        new(id, parentId, playerId, type, status, error, sentAt ?? At(2));

    public static OutboxRow Outbox(
        long id, int playerId, string status = "processed", int attempts = 1, string? error = null, DateTimeOffset? createdAt = null,
        string eventType = "contract_signed") =>
        new(id, eventType, playerId, status, attempts, error, createdAt ?? At(1),
            status == "processed" ? (createdAt ?? At(1)).AddMinutes(1) : null);
}
