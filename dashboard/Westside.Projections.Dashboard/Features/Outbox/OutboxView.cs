using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Dashboard.Features.Outbox;

// What /outbox and /api/outbox show: the latest sampling (null before the projector's first), its
// health in one line, each event type, the chart series, the rows worth a look (with the player and
// family they are about, from the data-gaps documents), and the data-gaps cross-checks.
public sealed record OutboxView(
    DateTimeOffset Now,
    OutboxRange Range,
    OutboxSnapshot? Latest,
    OutboxHealthReport? Health,
    IReadOnlyList<OutboxTypeView> Types,
    IReadOnlyList<OutboxSeriesPoint> Series,
    IReadOnlyList<OutboxRowView> Failed,
    IReadOnlyList<OutboxRowView> Retrying,
    IReadOnlyList<OutboxRowView> OldestPending,
    IReadOnlyList<OutboxCrossCheck> CrossChecks,
    OutboxHealthOptions Thresholds)
{
    public DateTimeOffset From => Now - Range.Span;
}

public sealed record OutboxTypeView(OutboxSample Sample, OutboxHealthReport Health);

// An outbox row on the page. Age is as of the sampling; PlayerName and ParentId are null when the
// row's player is unknown to the read model.
public sealed record OutboxRowView(OutboxRowSample Row, double AgeSeconds, string? PlayerName, int? ParentId);

// A data-gaps count the outbox explains, with its oldest subjects.
public sealed record OutboxCrossCheck(string Gap, string Label, int Count, IReadOnlyList<OutboxCrossCheckItem> Oldest)
{
    public string Url => $"/gaps?gap={Gap}";
}

public sealed record OutboxCrossCheckItem(int? PlayerId, string? PlayerName, int? ParentId, DateTimeOffset? Since);
