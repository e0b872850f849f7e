using Westside.Projections.Dashboard.Features.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Projections.Clusters;
using Westside.Projections.ReadModel.Projections.DataGaps;
using Westside.Projections.ReadModel.Projections.Dues;
using Westside.Projections.ReadModel.Projections.Jerseys;
using Westside.Projections.ReadModel.Projections.TeamProgress;
using Westside.Projections.ReadModel.Projections.Timeline;
using Westside.Projections.ReadModel.Projections.Triage;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Today;

// Reads one summary document per story (triage, clusters, jerseys, dues, gaps), the progress
// projection (club + the teams furthest behind) and the timeline's last two days.
public sealed class TodayQuery(DocumentReader reader, TimeProvider clock, OutboxQuery outbox)
{
    // Teams shown with progress bars: all of a normal club, the furthest behind of a huge one.
    public const int TeamsShown = 16;
    public const int LatestChangesShown = 12;

    public async Task<TodayView> ReadAsync(CancellationToken ct)
    {
        var triage = await SummaryAsync<TriageSummaryDocument>("triage", TriageProjection.SummaryId, ct);
        var clusters = await SummaryAsync<ClusterSummaryDocument>("clusters", ClustersProjection.SummaryId, ct);
        var jerseys = await SummaryAsync<JerseySummaryDocument>("jerseys", JerseysProjection.SummaryId, ct);
        var dues = await SummaryAsync<DuesSummaryDocument>("dues", DuesProjection.SummaryId, ct);
        var gaps = await SummaryAsync<DataGapSummaryDocument>("gaps", DataGapsProjection.SummaryId, ct);
        var club = await SummaryAsync<ClubProgressDocument>("progress", TeamProgressProjection.ClubId, ct);
        var outboxHealth = await outbox.HealthAsync(ct);
        var teamQuery = new DocumentQuery("progress", "team") { Limit = TeamsShown };
        var teams = (await reader.ListAsync(teamQuery, ct)).Select(d => d.As<TeamProgressDocument>()).ToList();
        var teamCount = teams.Count < TeamsShown ? teams.Count : await reader.CountAsync(teamQuery, ct);

        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var days = (await reader.ListAsync(new DocumentQuery("timeline", "day") { Limit = 2 }, ct))
            .Select(d => d.As<TimelineDayDocument>())
            .Where(d => d.Date >= since)
            .ToList();
        var counts = ChangesQuery.CountsByKind(days);
        var latest = days.SelectMany(d => d.Entries).OrderByDescending(e => e.Sequence).Take(LatestChangesShown).ToList();

        return new TodayView(Actionables(triage, clusters, jerseys, dues, gaps, outboxHealth), club, teams, teamCount, counts, latest,
            days.Sum(d => d.Total), since);
    }

    private static List<Actionable> Actionables(
        TriageSummaryDocument? triage, ClusterSummaryDocument? clusters, JerseySummaryDocument? jerseys,
        DuesSummaryDocument? dues, DataGapSummaryDocument? gaps, (OutboxSample Total, OutboxHealthReport Health)? outbox)
    {
        int Gap(string gap) => gaps?.Counts.FirstOrDefault(c => c.Gap == gap)?.Count ?? 0;
        var failed = Gap(ReadModel.Projections.DataGaps.Gaps.OutboxFailed);
        var pending = Gap(ReadModel.Projections.DataGaps.Gaps.OutboxPending);
        var unsigned = triage?.UnsignedCount ?? 0;
        return
        [
            new("unsigned", "unsigned players", unsigned, "/triage", Tone(unsigned),
                triage is null ? null : $"on {triage.TeamsWithUnsigned} teams, {triage.NoTeamUnsignedCount} without a team"),
            new("clusters", "parents with 2+ unsigned kids", clusters?.ClusterCount ?? 0, "/clusters", Tone(clusters?.ClusterCount ?? 0)),
            new("jerseys", "jerseys not paid", jerseys?.UnpaidCount ?? 0, "/jerseys?status=unpaid", Tone(jerseys?.UnpaidCount ?? 0)),
            new("dues", "dues past due", dues?.PastDuePlayers ?? 0, "/dues", dues?.PastDuePlayers > 0 ? "bad" : "good",
                dues is null ? null : Infrastructure.Format.Money(dues.PastDueCents)),
            new("gaps", "data gaps", gaps?.Total ?? 0, "/gaps", Tone(gaps?.Total ?? 0)),
            outbox is var (total, health)
                ? new("outbox", "outbox not sent", total.Pending + total.Failed, "/outbox", OutboxTone(health.State), health.Headline)
                : new("outbox", "outbox failed", failed, "/outbox", failed > 0 ? "bad" : pending > 0 ? "attention" : "good",
                    $"{pending} pending"),
        ];
    }

    private static string Tone(int count) => count > 0 ? "attention" : "good";

    // The outbox card speaks the outbox page's verdict (its one line and state) once the projector has sampled.
    private static string OutboxTone(OutboxHealthState state) => state switch
    {
        OutboxHealthState.Critical => "bad",
        OutboxHealthState.Warning => "attention",
        _ => "good",
    };

    private async Task<T?> SummaryAsync<T>(string projection, string id, CancellationToken ct)
        where T : class =>
        (await reader.GetAsync(projection, id, ct))?.As<T>();
}
