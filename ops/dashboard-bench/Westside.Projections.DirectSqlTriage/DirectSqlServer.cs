using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Npgsql;
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
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        builder.Services.AddSingleton<ShellWriter>();
        // As the dashboard does (PagesExtensions.AddPages): the same bytes for the same names.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        var app = builder.Build();
        app.UseServerTiming();
        app.MapGet("/triage", Triage);
        app.Run();
    }

    // Per request: the SQL, then the page body rendered by the dashboard's components, then the same
    // shell writer the dashboard uses. Nothing is cached: that is the point of this baseline.
    private static async Task Triage(
        HttpContext httpContext, [AsParameters] TriageFilter filter, TriageFromSource source, ShellWriter shell, TimeProvider clock,
        CancellationToken ct)
    {
        var view = await source.ReadAsync(filter, ct);
        var body = Encoding.UTF8.GetBytes(
            await ComponentHtml.RenderAsync(httpContext, typeof(TriagePage), new Dictionary<string, object?> { ["Model"] = view }));
        var now = clock.GetUtcNow();
        // Read live from the source, the data is as fresh as it gets.
        var freshness = new FreshnessView(now, now, now, true, true, TimeSpan.FromSeconds(2));
        await shell.WriteAsync(httpContext, "Triage", body, freshness, StatusCodes.Status200OK);
    }
}
