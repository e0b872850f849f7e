using System.Data.Common;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Source;

// THE mapping layer: every basketball-api table and column the projector reads, and how each row
// becomes one of our row records. Aligning with the real schema is a change in this file (and the
// role migration, ops/sql/source/0002_*.sql, which `projector check` verifies against this list).
// Error texts (email_log.error, outbox.last_error) are scrubbed of contact data here, at the edge, so
// no event, image or document ever holds an address or phone number a worker put in an exception.
public static class SourceContract
{
    public const string Schema = "public";

    public static readonly SourceTable Teams = new(
        "teams",
        ["id", "name", "season", "age_group", "gender", "coach_name", "groupme_group_id", "groupme_share_url", "created_at"],
        (r, o) => new TeamRow(
            r.GetInt32(o), r.GetString(o + 1), r.GetString(o + 2), r.GetString(o + 3), r.GetString(o + 4),
            Str(r, o + 5), Str(r, o + 6), Str(r, o + 7), Time(r, o + 8)),
        row => ((TeamRow)row).Id);

    public static readonly SourceTable Parents = new(
        "parents",
        ["id", "first_name", "last_name", "email", "phone", "created_at"],
        (r, o) => new ParentRow(r.GetInt32(o), r.GetString(o + 1), r.GetString(o + 2), Str(r, o + 3), Str(r, o + 4), Time(r, o + 5)),
        row => ((ParentRow)row).Id);

    public static readonly SourceTable Players = new(
        "players",
        ["id", "parent_id", "team_id", "first_name", "last_name", "birth_year", "grade", "contract_status",
         "jersey_size", "jersey_number", "created_at", "updated_at"],
        (r, o) => new PlayerRow(
            r.GetInt32(o), r.GetInt32(o + 1), Int(r, o + 2), r.GetString(o + 3), r.GetString(o + 4), r.GetInt32(o + 5),
            Int(r, o + 6), r.GetString(o + 7), Str(r, o + 8), Int(r, o + 9), Time(r, o + 10), Time(r, o + 11)),
        row => ((PlayerRow)row).Id);

    public static readonly SourceTable Contracts = new(
        "contracts",
        ["id", "player_id", "version", "amount_cents", "status", "sent_at", "signed_at", "declined_at", "signer_name"],
        (r, o) => new ContractRow(
            r.GetInt32(o), r.GetInt32(o + 1), r.GetString(o + 2), r.GetInt32(o + 3), r.GetString(o + 4), Time(r, o + 5),
            TimeOrNull(r, o + 6), TimeOrNull(r, o + 7), Str(r, o + 8)),
        row => ((ContractRow)row).Id);

    public static readonly SourceTable JerseyPayments = new(
        "jersey_payments",
        ["id", "player_id", "amount_cents", "method", "paid_at", "recorded_by", "note"],
        (r, o) => new JerseyPaymentRow(
            r.GetInt32(o), r.GetInt32(o + 1), r.GetInt32(o + 2), r.GetString(o + 3), Time(r, o + 4), Str(r, o + 5), Str(r, o + 6)),
        row => ((JerseyPaymentRow)row).Id);

    public static readonly SourceTable Subscriptions = new(
        "subscriptions",
        ["id", "player_id", "parent_id", "plan", "amount_cents", "status", "current_period_end", "created_at"],
        (r, o) => new SubscriptionRow(
            r.GetInt32(o), r.GetInt32(o + 1), r.GetInt32(o + 2), r.GetString(o + 3), r.GetInt32(o + 4), r.GetString(o + 5),
            Date(r, o + 6), Time(r, o + 7)),
        row => ((SubscriptionRow)row).Id);

    public static readonly SourceTable Tournaments = new(
        "tournaments",
        ["id", "name", "location", "starts_on", "ends_on", "registration_deadline", "fee_cents"],
        (r, o) => new TournamentRow(
            r.GetInt32(o), r.GetString(o + 1), Str(r, o + 2), Date(r, o + 3), Date(r, o + 4), DateOrNull(r, o + 5), r.GetInt32(o + 6)),
        row => ((TournamentRow)row).Id);

    public static readonly SourceTable TournamentRegistrations = new(
        "tournament_registrations",
        ["id", "tournament_id", "team_id", "player_id", "status", "fee_paid", "registered_at"],
        (r, o) => new TournamentRegistrationRow(
            r.GetInt32(o), r.GetInt32(o + 1), r.GetInt32(o + 2), Int(r, o + 3), r.GetString(o + 4), r.GetBoolean(o + 5), Time(r, o + 6)),
        row => ((TournamentRegistrationRow)row).Id);

    public static readonly SourceTable EmailLog = new(
        "email_log",
        ["id", "parent_id", "player_id", "email_type", "status", "error", "sent_at"],
        (r, o) => new EmailLogRow(
            r.GetInt32(o), Int(r, o + 1), Int(r, o + 2), r.GetString(o + 3), r.GetString(o + 4), ErrorText.Scrub(Str(r, o + 5)), Time(r, o + 6)),
        row => ((EmailLogRow)row).Id);

    public static readonly SourceTable Outbox = new(
        "outbox",
        ["id", "event_type", "aggregate_id", "status", "attempts", "last_error", "created_at", "processed_at"],
        (r, o) => new OutboxRow(
            r.GetInt64(o), r.GetString(o + 1), r.GetInt32(o + 2), r.GetString(o + 3), r.GetInt32(o + 4), ErrorText.Scrub(Str(r, o + 5)),
            Time(r, o + 6), TimeOrNull(r, o + 7)),
        row => ((OutboxRow)row).Id);

    // The same table by column name, for the outbox sampler's aggregate queries.
    public static readonly OutboxColumns OutboxByName = new(
        Outbox, eventType: "event_type", aggregateId: "aggregate_id", status: "status", attempts: "attempts",
        lastError: "last_error", createdAt: "created_at", processedAt: "processed_at",
        pending: "pending", processed: "processed", failed: "failed");

    // In dependency order: a batch applies parents before their players, players before their contracts.
    public static IReadOnlyList<SourceTable> Tables { get; } =
    [
        Teams, Parents, Players, Contracts, JerseyPayments, Subscriptions, Tournaments, TournamentRegistrations, EmailLog, Outbox,
    ];

    // System columns the projector reads besides the table columns (change capture reads xmin).
    public static IReadOnlyList<string> SystemColumns { get; } = ["xmin"];

    // Optional, never required: where present and usable, polls read changed rows by this indexed marker
    // instead of scanning xmin (ChangeMarkerProbe decides per table; TableCursor says why it is sound).
    public static ChangeMarker Marker { get; } = new(
        "change_xid", "westside_change_xid", "ops/sql/source/optional/0003_change_marker.sql");

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static DateTimeOffset Time(DbDataReader r, int i) => new(r.GetDateTime(i).ToUniversalTime(), TimeSpan.Zero);

    private static DateTimeOffset? TimeOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    private static DateOnly Date(DbDataReader r, int i) => r.GetFieldValue<DateOnly>(i);

    private static DateOnly? DateOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);
}
