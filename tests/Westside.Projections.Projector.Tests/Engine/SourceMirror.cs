using Npgsql;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Tests.Engine;

// Every source row by table and key: read from the source itself (as its owner) or taken from a
// ClubState folded from the store's event log, so the two can be compared row for row.
public static class SourceMirror
{
    public static async Task<Dictionary<string, Dictionary<long, object>>> ReadAsync(string sourceAdmin)
    {
        await using var conn = new NpgsqlConnection(sourceAdmin);
        await conn.OpenAsync();
        var mirror = new Dictionary<string, Dictionary<long, object>>();
        foreach (var table in SourceContract.Tables)
        {
            var rows = new Dictionary<long, object>();
            await using var cmd = new NpgsqlCommand($"select {table.SelectList("t")} from {table.Name} t", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = table.ReadRow(reader, 0);
                rows[table.KeyOf(row)] = row;
            }

            mirror[table.Name] = rows;
        }

        return mirror;
    }

    public static Dictionary<string, Dictionary<long, object>> Of(ClubState s) => new()
    {
        ["teams"] = s.Teams.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["parents"] = s.Parents.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["players"] = s.Players.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["contracts"] = s.Contracts.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["jersey_payments"] = s.JerseyPayments.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["subscriptions"] = s.Subscriptions.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["tournaments"] = s.Tournaments.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["tournament_registrations"] = s.TournamentRegistrations.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["email_log"] = s.Emails.ToDictionary(kv => (long)kv.Key, kv => (object)kv.Value),
        ["outbox"] = s.Outbox.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
    };

    // "players 12: missing" style lines (ids only); empty when both hold the same rows.
    public static List<string> Differences(
        Dictionary<string, Dictionary<long, object>> expected, Dictionary<string, Dictionary<long, object>> actual)
    {
        var differences = new List<string>();
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            differences.AddRange(rows.Keys.Where(k => !other.ContainsKey(k)).Select(k => $"{table} {k}: missing"));
            differences.AddRange(other.Keys.Where(k => !rows.ContainsKey(k)).Select(k => $"{table} {k}: extra"));
            differences.AddRange(rows.Where(kv => other.TryGetValue(kv.Key, out var o) && !Equals(o, kv.Value))
                .Select(kv => $"{table} {kv.Key}: different"));
        }

        return differences;
    }
}
