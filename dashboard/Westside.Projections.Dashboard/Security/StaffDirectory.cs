using Npgsql;

namespace Westside.Projections.Dashboard.Security;

// The store's staff_names: the login name (preferred_username) of each staff subject that has signed in,
// so the audit log and the rebuild requests, which store subject ids, can be shown as "by marcus".
public sealed class StaffDirectory(NpgsqlDataSource store)
{
    public async Task RecordAsync(string subject, string username, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            insert into staff_names (subject, username) values (@subject, @username)
            on conflict (subject) do update set username = excluded.username, updated_at = now()
            where staff_names.username is distinct from excluded.username
            """);
        cmd.Parameters.AddWithValue("subject", subject);
        cmd.Parameters.AddWithValue("username", username);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // Names for the actors of some entries; an actor may list several subjects ("a,b": one rebuild served
    // several requests). Actors that are not staff subjects ("projector", "cli:...") are simply not found.
    public async Task<StaffNames> NamesAsync(IEnumerable<string?> actors, CancellationToken ct)
    {
        var subjects = actors.OfType<string>().SelectMany(StaffNames.Subjects).Distinct(StringComparer.Ordinal).ToArray();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (subjects.Length == 0)
        {
            return new StaffNames(names);
        }

        await using var cmd = store.CreateCommand("select subject, username from staff_names where subject = any(@subjects)");
        cmd.Parameters.AddWithValue("subjects", subjects);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }

        return new StaffNames(names);
    }
}
