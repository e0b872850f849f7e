using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Features.Outbox;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.Dashboard.Infrastructure.Errors;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Health;

public static class HealthEndpoints
{
    // Outside the signed-in group on purpose: probes and the demo script call it without a session
    // (AllowAnonymous: the sign-in policy is also the fallback for every endpoint without one).
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/healthz", Health).AllowAnonymous();

    // 200 "ok" when fresh, 200 "stale" when the store answers but the projector is behind (pages still
    // render, with a warning), 503 "down" when the store cannot be read.
    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Health(
        DocumentReader reader, OutboxQuery outboxQuery, IOptions<DashboardOptions> options, CancellationToken ct)
    {
        StoreStatus status;
        HealthOutbox? outbox;
        try
        {
            status = await reader.StatusAsync(ct);
            outbox = await outboxQuery.HealthAsync(ct) is var (total, verdict)
                ? new HealthOutbox(
                    verdict.State.ToString().ToLowerInvariant(), verdict.Headline, total.Pending, total.OldestPendingAgeSeconds, total.Failed,
                    Math.Round((status.Heartbeat.Now - total.SampledAt).TotalSeconds, 3))
                : null;
        }
        catch (Exception e) when (StoreFailure.IsOutage(e))
        {
            return TypedResults.Json(
                new HealthReport("down", false, null, null, null, true, null, []),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var freshness = FreshnessView.From(status.Heartbeat, options.Value.PollInterval);
        return TypedResults.Ok(new HealthReport(
            freshness.Stale ? "stale" : "ok",
            true,
            freshness.SinceLastPoll is { } age ? Math.Round(age.TotalSeconds, 3) : null,
            status.Heartbeat.LeaderAlive,
            status.Heartbeat.SourceOk,
            freshness.Stale,
            status.LogHead,
            status.Projections.Select(p => new HealthProjection(p.Name, p.LiveGeneration, p.Checkpoint, p.Status)).ToList(),
            outbox,
            status.Shards.Select(s => new HealthDocuments(
                s.Shard, s.Position, s.HighWaterMark,
                s.AgeAt(status.Heartbeat.Now) is { } age ? Math.Round(Math.Max(0, age.TotalSeconds), 3) : null)).FirstOrDefault()));
    }
}
