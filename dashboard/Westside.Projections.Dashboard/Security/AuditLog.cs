using System.Security.Claims;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Westside.Projections.Dashboard.Features.Auth;

namespace Westside.Projections.Dashboard.Security;

// The store's audit_log: who did which privileged action, and when. The actor is taken from the signed-in
// principal as its subject id, so a name or an email cannot end up here by mistake. Reading, the staff
// member's login name (staff_names, recorded at sign-in) comes beside it.
public sealed class AuditLog(NpgsqlDataSource store)
{
    public const string RebuildRequested = "rebuild.requested";
    public const string CsvExported = "csv.exported";

    public async Task WriteAsync(ClaimsPrincipal actor, string action, IReadOnlyDictionary<string, string> detail, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand();
        Prepare(cmd, actor, action, detail);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // For an action whose own write must commit or fail together with its audit entry.
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimsPrincipal actor, string action,
        IReadOnlyDictionary<string, string> detail, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        Prepare(cmd, actor, action, detail);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            select a.id, a.at, a.actor, a.action, a.detail::text, s.username
            from audit_log a left join staff_names s on s.subject = a.actor
            order by a.id desc limit @count
            """);
        cmd.Parameters.AddWithValue("count", count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                Detail(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return entries;
    }

    private static void Prepare(NpgsqlCommand cmd, ClaimsPrincipal actor, string action, IReadOnlyDictionary<string, string> detail)
    {
        cmd.CommandText = "insert into audit_log (actor, action, detail) values (@actor, @action, @detail)";
        cmd.Parameters.AddWithValue("actor", actor.SubjectId());
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(detail) });
    }

    // The projector writes its own entries (e.g. a finished rebuild) with numbers and nested values:
    // show every top-level value as text.
    private static Dictionary<string, string> Detail(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = document.RootElement.GetRawText() };
        }

        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
            StringComparer.Ordinal);
    }
}
