namespace Westside.Projections.ReadModel.Store;

// projections.progress while a rebuild runs (written by the projector about every half second,
// read by `projector status`, the CLI progress bar and the dashboard).
// Phase: "replaying" (events into a fresh state), "writing" (documents into the new generation),
// "catching-up" (events that arrived meanwhile), then the swap. Rate and ETA are of the current phase,
// in its unit (events/s while replaying, documents/s while writing). Percent is overall.
public sealed record RebuildProgress(
    string Phase,
    long EventsDone,
    long EventsTotal,
    long DocumentsDone,
    long DocumentsTotal,
    double RatePerSecond,
    double? EtaSeconds,
    double Percent,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt);
