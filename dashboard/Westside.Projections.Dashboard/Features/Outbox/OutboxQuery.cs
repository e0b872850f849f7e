using Microsoft.Extensions.Options;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Store;
// Features.Gaps (the Data gaps page) would shadow the projection's Gaps class here.
using GapNames = Westside.Projections.ReadModel.Projections.DataGaps.Gaps;

namespace Westside.Projections.Dashboard.Features.Outbox;

// Reads the outbox samples the projector writes and the data-gaps documents that name the players.
public sealed class OutboxQuery(OutboxSampleReader samples, DocumentReader documents, IOptions<OutboxOptions> options, TimeProvider clock)
{
    public const string GapsProjection = "gaps";
    public const int ListedRows = 10;
    public const int CrossCheckItems = 5;

    private static readonly string[] CrossCheckGaps = [GapNames.SignedWithoutOutbox, GapNames.OutboxWithoutEmail];

    public OutboxHealthOptions Thresholds => options.Value.Health;

    public async Task<OutboxView> ReadAsync(OutboxRange range, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var latest = await samples.LatestAsync(ct);
        var series = await samples.SeriesAsync(OutboxSample.AllTypes, now - range.Span, now, range.Bucket, ct);
        var total = latest?.Total;
        var errors = total?.Errors ?? [];
        return new OutboxView(
            now,
            range,
            latest,
            total is null ? null : OutboxHealth.Evaluate(total, Thresholds),
            latest?.ByType.Select(s => new OutboxTypeView(s, OutboxHealth.Evaluate(s, Thresholds))).ToList() ?? [],
            series,
            await RowsAsync(total, errors.Where(e => e.Status != "pending"), GapNames.OutboxFailed, ct),
            await RowsAsync(total, errors.Where(e => e.Status == "pending"), GapNames.OutboxPending, ct),
            await RowsAsync(total, total?.OldestPending ?? [], GapNames.OutboxPending, ct),
            await CrossChecksAsync(ct),
            Thresholds);
    }

    // The overall verdict alone, for /healthz and Today (null before the first sampling).
    public async Task<(OutboxSample Total, OutboxHealthReport Health)?> HealthAsync(CancellationToken ct)
    {
        var latest = await samples.LatestAsync(ct);
        return latest is null ? null : (latest.Total, OutboxHealth.Evaluate(latest.Total, Thresholds));
    }

    private async Task<IReadOnlyList<OutboxRowView>> RowsAsync(
        OutboxSample? total, IEnumerable<OutboxRowSample> rows, string gap, CancellationToken ct)
    {
        var views = new List<OutboxRowView>();
        foreach (var row in rows.Take(ListedRows))
        {
            // The data-gaps projection keeps one document per failed or pending outbox row, with its player.
            var document = (await documents.GetAsync(GapsProjection, $"{gap}/outbox:{row.Id}", ct))?.As<DataGapDocument>();
            var player = document?.Records.FirstOrDefault(r => r.Type == "player");
            views.Add(new OutboxRowView(row, (total!.SampledAt - row.CreatedAt).TotalSeconds, player?.Name, document?.ParentId));
        }

        return views;
    }

    private async Task<IReadOnlyList<OutboxCrossCheck>> CrossChecksAsync(CancellationToken ct)
    {
        var summary = (await documents.GetAsync(GapsProjection, DataGapsProjection.SummaryId, ct))?.As<DataGapSummaryDocument>();
        var checks = new List<OutboxCrossCheck>();
        foreach (var gap in CrossCheckGaps)
        {
            var count = summary?.Counts.FirstOrDefault(c => c.Gap == gap);
            var oldest = count is { Count: > 0 }
                ? await documents.ListAsync(new DocumentQuery(GapsProjection, gap) { Limit = CrossCheckItems }, ct)
                : [];
            checks.Add(new OutboxCrossCheck(
                gap,
                GapNames.All.First(g => g.Gap == gap).Label,
                count?.Count ?? 0,
                oldest.Select(d => d.As<DataGapDocument>())
                    .Select(d => new OutboxCrossCheckItem(d.PlayerId, d.Records.FirstOrDefault(r => r.Type == "player")?.Name, d.ParentId, d.Since))
                    .ToList()));
        }

        return checks;
    }
}
