using Npgsql;

namespace Westside.Projections.ReadModel.Store;

// SOURCE_PGURL / STORE_PGURL accept postgres://user:pass@host:port/db?key=value or Npgsql's keyword form.
public static class PgConnectionString
{
    public static string Parse(string value, string variableName)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        try
        {
            return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                   || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUrl(text)
                : new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            // The message must not echo the value: it may hold a password.
            throw new FormatException(
                $"{variableName} is not a valid PostgreSQL URL (postgres://user:pass@host:port/db) or keyword connection string.", e);
        }
    }

    // For messages and logs: the connection string without its password.
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Username ?? "(default user)"}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static string FromUrl(string text)
    {
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = val;
        }

        return builder.ConnectionString;
    }
}
