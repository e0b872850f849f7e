using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Configuration;

// Read from the environment once at start-up. Required settings have no defaults in code:
// a missing one stops the process with a message naming the variable.
public sealed record ProjectorSettings(
    string SourceConnectionString,
    string StoreConnectionString,
    TimeSpan PollInterval,
    string InstanceName)
{
    public const string SourceVariable = "SOURCE_PGURL";
    public const string StoreVariable = "STORE_PGURL";
    public const string PollIntervalVariable = "POLL_INTERVAL_MS";

    public static ProjectorSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var source = Required(read, SourceVariable);
        var store = Required(read, StoreVariable);
        var interval = TimeSpan.FromMilliseconds(2000);
        if (read(PollIntervalVariable) is { Length: > 0 } ms)
        {
            if (!int.TryParse(ms, out var value) || value < 50 || value > 600_000)
            {
                throw new ConfigurationException($"{PollIntervalVariable} must be a whole number of milliseconds from 50 to 600000.");
            }

            interval = TimeSpan.FromMilliseconds(value);
        }

        var instance = read("PROJECTOR_INSTANCE") is { Length: > 0 } name
            ? name
            : $"{Environment.MachineName}:{Environment.ProcessId}";
        return new ProjectorSettings(Parse(source, SourceVariable), Parse(store, StoreVariable), interval, instance);
    }

    private static string Required(Func<string, string?> read, string name) =>
        read(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ConfigurationException(
                $"{name} is not set. Set it to the PostgreSQL URL of the {(name == SourceVariable ? "basketball-api source (read-only role)" : "read store")}, e.g. postgres://user:pass@host:5432/db.");

    private static string Parse(string value, string name)
    {
        try
        {
            return PgConnectionString.Parse(value, name);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }
}
