namespace Westside.Projections.Dashboard.Infrastructure;

// Read from the environment (STORE_PGURL, POLL_INTERVAL_MS). The dashboard has no source
// connection string at all: it reads the store only.
public sealed class DashboardOptions
{
    public const string StoreVariable = "STORE_PGURL";
    public const string PollIntervalVariable = "POLL_INTERVAL_MS";

    // Npgsql keyword form, parsed from STORE_PGURL; empty when the variable is missing or invalid.
    public string StoreConnectionString { get; set; } = "";

    public string? StoreProblem { get; set; }

    // The projector's poll interval: the heartbeat is stale after three of them.
    public int PollIntervalMs { get; set; } = 2000;

    public string? PollIntervalProblem { get; set; }

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public TimeSpan StaleAfter => PollInterval * 3;
}
