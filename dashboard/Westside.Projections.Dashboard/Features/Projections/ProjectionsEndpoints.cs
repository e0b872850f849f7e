using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.Dashboard.Security;
using Westside.Projections.ReadModel.Requests;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Projections;

public static class ProjectionsEndpoints
{
    private const int RecentRequestCount = 20;
    private const int RecentAuditCount = 20;
    private const int RecentDeadLetterCount = 20;

    public static void MapProjections(this IEndpointRouteBuilder site)
    {
        site.MapGet("/projections", Page);
        site.MapGet("/api/projections", Api);
        site.MapGet("/projections/{name}/progress", Progress);
        site.MapPost("/projections/{name}/rebuild", Rebuild).RequireAntiforgery();
    }

    private static async Task<HtmxPage> Page(
        HttpContext http, DocumentReader reader, DeadLetterReader deadLetters, AuditLog audit, StaffDirectory staff,
        IOptions<DashboardOptions> options, CancellationToken ct)
    {
        var status = await reader.StatusAsync(ct);
        var requests = await reader.RecentRequestsAsync(RecentRequestCount, ct);
        var names = await staff.NamesAsync(requests.Select(r => r.RequestedBy).Concat(status.Projections.Select(p => p.LastRebuildBy)), ct);
        var auditTrail = new AuditTrailView(await audit.RecentAsync(RecentAuditCount, ct), http.User.SubjectId());
        var token = HtmxPage.AntiforgeryToken(http);
        var view = new ProjectionsView(
            status.LogHead,
            FreshnessView.From(status.Heartbeat, options.Value.PollInterval),
            status.Heartbeat,
            status.Projections.Select(p => new ProjectionCardView(p, status.LogHead, LastRequestFor(p.Name, requests), token, names)).ToList(),
            requests,
            await deadLetters.RecentAsync(RecentDeadLetterCount, ct),
            auditTrail,
            names);
        return HtmxPage.Of<ProjectionsPage>("Projections", view);
    }

    private static async Task<Ok<ProjectionsApi>> Api(DocumentReader reader, AuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(new ProjectionsApi(
            await reader.StatusAsync(ct),
            await reader.RecentRequestsAsync(RecentRequestCount, ct),
            await audit.RecentAsync(RecentAuditCount, ct)));

    // Polled every second by a card while its rebuild is pending or running; the card it returns stops
    // polling once the rebuild is done.
    private static async Task<Results<HtmxPage, NotFoundPage>> Progress(
        string name, HttpContext http, DocumentReader reader, StaffDirectory staff, CancellationToken ct) =>
        await Card(name, http, reader, staff, ct) is { } card
            ? HtmxPage.Of<ProjectionCard>($"Projection {name}", card)
            : new NotFoundPage($"There is no projection named “{name}”.");

    private static async Task<Results<HtmxPage, RedirectHttpResult, NotFoundPage>> Rebuild(
        string name, HttpContext http, DocumentReader reader, RebuildRequests rebuilds, StaffDirectory staff, ILoggerFactory logs, CancellationToken ct)
    {
        var card = await Card(name, http, reader, staff, ct);
        if (card is null)
        {
            return new NotFoundPage($"There is no projection named “{name}”.");
        }

        // A second tap while one is queued or running files nothing new.
        if (!card.Active)
        {
            var id = await rebuilds.FileAsync(name, http.User, ct);
            Log.RebuildRequested(logs.CreateLogger(typeof(ProjectionsEndpoints)), name, http.User.SubjectId(), id);
            card = await Card(name, http, reader, staff, ct) ?? card;
        }

        // Without JavaScript the form posts normally: back to the page (POST-redirect-GET).
        return http.Request.WantsFragment()
            ? HtmxPage.Of<ProjectionCard>($"Projection {name}", card)
            : TypedResults.Redirect("/projections");
    }

    private static async Task<ProjectionCardView?> Card(string name, HttpContext http, DocumentReader reader, StaffDirectory staff, CancellationToken ct)
    {
        var status = await reader.StatusAsync(ct);
        var projection = status.Projections.FirstOrDefault(p => p.Name == name);
        if (projection is null)
        {
            return null;
        }

        var requests = await reader.RecentRequestsAsync(RecentRequestCount, ct);
        var last = LastRequestFor(name, requests);
        var names = await staff.NamesAsync([projection.LastRebuildBy, last?.RequestedBy], ct);
        return new ProjectionCardView(projection, status.LogHead, last, HtmxPage.AntiforgeryToken(http), names);
    }

    private static RebuildRequestStatus? LastRequestFor(string name, IReadOnlyList<RebuildRequestStatus> requests) =>
        requests.FirstOrDefault(r => r.Kind == "rebuild" && (r.Projection == name || r.Projection == "all"));
}
