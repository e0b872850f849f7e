using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class StoreExtensions
{
    // The one NpgsqlDataSource of the dashboard: the read store. There is no source data source.
    public static void AddStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DashboardOptionsSetup>();
        builder.Services.AddSingleton<IConfigureOptions<DashboardOptions>>(sp => sp.GetRequiredService<DashboardOptionsSetup>());
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>>(sp => sp.GetRequiredService<DashboardOptionsSetup>());
        builder.Services.AddOptions<DashboardOptions>().ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            var connection = new NpgsqlConnectionStringBuilder(options.StoreConnectionString)
            {
                // Names the dashboard's sessions in pg_stat_activity, so an operator sees who reads what.
                ApplicationName = "westside-dashboard",
            };
            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        builder.Services.AddSingleton<DocumentReader>();
    }
}
