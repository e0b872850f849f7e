extern alias projector;

using Npgsql;
using projector::Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;

namespace Westside.Projections.Dashboard.Tests.Auth;

// A class fixture with everything sign-in needs, for real: a migrated store of its own, the local OpenID
// provider, and the dashboard on a real port. The dashboard can be restarted on the same port and store.
public class SignInStack : SourceAndStore
{
    public MemoryLog Log { get; } = new();

    public ManualClock Clock { get; } = new();

    public OidcProvider Provider { get; private set; } = null!;

    public DashboardServer Dashboard { get; private set; } = null!;

    public int DashboardPort { get; private set; }

    public Uri Root => Dashboard.Root;

    protected virtual string? ProviderKeysDirectory => null;

    // Environment a subclass gives the provider (e.g. test faults, the landing client's redirect URI).
    protected virtual IReadOnlyDictionary<string, string>? ProviderEnvironment => null;

    // Before the dashboard starts: a subclass fills the store (e.g. the demo club through the projector).
    protected virtual Task PrepareStoreAsync() => Task.CompletedTask;

    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["STORE_PGURL"] = Store,
                ["OIDC_AUTHORITY"] = Provider.Issuer,
                ["OIDC_CLIENT_ID"] = OidcProvider.ClientId,
                ["OIDC_CLIENT_SECRET"] = OidcProvider.ClientSecret,
                // The tests talk plain http to 127.0.0.1, like the demo.
                ["DASHBOARD_COOKIE_SECURE"] = "false",
            };
            foreach (var (key, value) in ExtraSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    // Settings a subclass adds or overrides for its whole class (e.g. another required role).
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var store = NpgsqlDataSource.Create(Store))
        {
            await StoreMigrator.MigrateAsync(store, CancellationToken.None);
        }

        // Wolverine's tables, which the projector creates (the dashboard's rebuild button sends to its queue).
        await RequestHost.CreateStorageAsync(Store, CancellationToken.None);

        await PrepareStoreAsync();

        // A port found free may be taken before the dashboard binds it (by another process's outgoing
        // connection: the projector tests run beside these); the stack then starts on another one.
        for (var attempt = 1; ; attempt++)
        {
            DashboardPort = OidcProvider.FreePort();
            Provider = await OidcProvider.StartAsync(DashboardPort, ProviderKeysDirectory, environment: ProviderEnvironment);
            var dashboard = NewDashboard();
            try
            {
                Dashboard = dashboard.Start();
                return;
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await dashboard.DisposeAsync();
                await Provider.DisposeAsync();
            }
        }
    }

    public DashboardServer NewDashboard(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Settings.ToDictionary();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new DashboardServer(DashboardPort, settings, Log, Clock);
    }

    // Stop the dashboard and start a new one on the same port and store (as a deploy or a crash would).
    public async Task RestartDashboardAsync()
    {
        await Dashboard.DisposeAsync();
        Dashboard = NewDashboard().Start();
    }

    public async Task RestartProviderAsync()
    {
        var port = Provider.Port;
        await Provider.DisposeAsync();
        Provider = await OidcProvider.StartAsync(DashboardPort, ProviderKeysDirectory, port, ProviderEnvironment);
    }

    public async Task StoreExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await Dashboard.DisposeAsync();
        await Provider.DisposeAsync();
        await base.DisposeAsync();
    }
}
