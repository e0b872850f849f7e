using Npgsql;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Source;

// Makes login roles for one test: the fixture's own grants applied to a fresh role name, so a test
// can take privileges away or add them without touching any other test's role.
public static class ReadOnlyRoles
{
    public const string Password = "Pa55-w0rd-never-printed";

    public static async Task<string> CreateLikeFixtureAsync(SourceAndStore db, string hint)
    {
        var role = $"t_{hint}_{Guid.NewGuid():N}"[..(hint.Length + 14)];
        var sql = File.ReadAllText(Path.Combine(PostgresServer.SourceSqlDirectory, "0002_westside_projections_readonly_role.sql"))
            .Replace(PostgresServer.ReadOnlyRole, role, StringComparison.Ordinal);
        await db.SourceExecAsync(sql);
        await db.SourceExecAsync($"alter role {role} password '{Password}'");
        return role;
    }

    public static string ConnectionString(SourceAndStore db, string role) =>
        db.Server.ConnectionString(db.SourceDatabase, role, Password);

    public static string Url(SourceAndStore db, string role)
    {
        var b = new NpgsqlConnectionStringBuilder(db.Server.ConnectionString(db.SourceDatabase));
        return $"postgres://{role}:{Password}@{b.Host}:{b.Port}/{db.SourceDatabase}";
    }
}
