using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;
using Westside.Projections.Dashboard.Features.Clusters;
using Westside.Projections.Dashboard.Features.Cohorts;
using Westside.Projections.Dashboard.Features.Contracts;
using Westside.Projections.Dashboard.Features.Dues;
using Westside.Projections.Dashboard.Features.Families;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Features.Gaps;
using Westside.Projections.Dashboard.Features.Jerseys;
using Westside.Projections.Dashboard.Features.Projections;
using Westside.Projections.Dashboard.Features.Today;
using Westside.Projections.Dashboard.Features.Tournaments;
using Westside.Projections.Dashboard.Features.Triage;
using Westside.Projections.Dashboard.Infrastructure.Errors;
using Westside.Projections.ReadModel.Requests;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class PagesExtensions
{
    // Server-rendered Razor components (static SSR: no interactivity, no Blazor script), antiforgery
    // for the few POSTs (htmx sends the token in a header), and errors as pages.
    public static void AddPages(this WebApplicationBuilder builder)
    {
        // Serves wwwroot from the build output too (the static web assets manifest), not only when published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        // Names with accents come out as themselves, not as &#xE9; (markup characters are still escaped).
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DashboardExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AssetUrls>();
        builder.Services.AddSingleton<StoreWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreWatch>());
        builder.Services.AddSingleton<PageCache>();
        builder.Services.AddSingleton<ViewCache>();
        builder.Services.AddSingleton<ShellWriter>();
        builder.Services.AddSingleton<RequestMessenger>();
        builder.Services.AddSingleton<RebuildRequests>();
        builder.Services.AddSingleton<DeadLetterReader>();
        builder.Services.AddSingleton<TriageQuery>();
        builder.Services.AddSingleton<CohortsQuery>();
        builder.Services.AddSingleton<ClustersQuery>();
        builder.Services.AddSingleton<JerseysQuery>();
        builder.Services.AddSingleton<ContractsQuery>();
        builder.Services.AddSingleton<DuesQuery>();
        builder.Services.AddSingleton<TournamentsQuery>();
        builder.Services.AddSingleton<GapsQuery>();
        builder.Services.AddSingleton<FamiliesQuery>();
        builder.Services.AddSingleton<TodayQuery>();
        builder.Services.AddSingleton<Features.Changes.ChangesQuery>();
    }

    public static void UseDashboardErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Responses that end without a body (no route, a query value that does not bind) still get a page.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/healthz"))
            {
                return;
            }

            var view = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => new ErrorView("Not found", "There is no page at this address. Pick a page from the menu."),
                StatusCodes.Status400BadRequest => BadAddress,
                _ => null,
            };
            if (view is not null)
            {
                await HtmxPage.Of<ErrorPage, ErrorFragment>(view.Heading, view, http.Response.StatusCode).ExecuteAsync(http);
            }
        });
    }

    public static readonly ErrorView BadAddress = new(
        "Bad address", "Part of this address is not valid (a filter or a page number). Pick the filters again from the page.");

    public static void UseDashboardStaticFiles(this WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            // URLs carry a content hash (AssetUrls), so a year is safe.
            OnPrepareResponse = ctx =>
                ctx.Context.Response.Headers[HeaderNames.CacheControl] =
                    ctx.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=300",
        });
}
