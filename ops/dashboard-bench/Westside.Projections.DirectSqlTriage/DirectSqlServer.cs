using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Westside.Projections.Dashboard.Components;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Features.Triage;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.DirectSqlTriage;

// GET /triage: the dashboard's triage page (same components, same markup), its data read from the
// source with SQL on every request. SOURCE_PGURL: the source through the read-only role.
public static class DirectSqlServer
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var url = builder.Configuration["SOURCE_PGURL"]
            ?? throw new InvalidOperationException("SOURCE_PGURL is not set (the source, read-only role).");
        var connection = new NpgsqlConnectionStringBuilder(PgConnectionString.Parse(url, "SOURCE_PGURL"))
        {
            ApplicationName = "westside-bench-direct-sql",
        };
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connection.ConnectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AssetUrls>();
        builder.Services.AddSingleton<TriageFromSource>();
        builder.Services.AddRazorComponents();
        // As the dashboard does (PagesExtensions.AddPages): the same bytes for the same names.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        var app = builder.Build();
        app.UseServerTiming();
        app.MapGet("/triage", Triage);
        app.Run();
    }

    private static async Task<RazorComponentResult<Shell>> Triage(
        [AsParameters] TriageFilter filter, TriageFromSource source, TimeProvider clock, CancellationToken ct)
    {
        var view = await source.ReadAsync(filter, ct);
        var now = clock.GetUtcNow();
        return new RazorComponentResult<Shell>(new Dictionary<string, object?>
        {
            ["Title"] = "Triage",
            ["Body"] = typeof(TriagePage),
            ["BodyParameters"] = new Dictionary<string, object?> { ["Model"] = view },
            // Read live from the source, the data is as fresh as it gets.
            ["Freshness"] = new FreshnessView(now, now, now, true, true, TimeSpan.FromSeconds(2)),
            ["AntiforgeryToken"] = "",
            ["Path"] = "/triage",
        });
    }
}
