using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Westside.Projections.Dashboard.Security;

public static class DataProtectionExtensions
{
    // One fixed application name: replicas (and restarts from another directory) must derive the same
    // purposes from the same keys. The default would be the content root path, which differs per host.
    public const string ApplicationName = "westside-dashboard";

    public static void AddStoreDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, store) => options.XmlRepository = new StoreXmlRepository(store));
    }
}
