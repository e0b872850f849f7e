namespace Westside.Projections.Projector.Capture;

public sealed class ChangeCaptureOptions
{
    // Deletes are found by comparing id fingerprints of source and images; that costs a count over every
    // source table, so it runs on the first poll of the process and then every N polls or T, whichever comes first.
    public int ReconcileEveryPolls { get; set; } = 30;

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    // Upper bound of the committed transaction ids a table cursor remembers (see TableCursor.Seen). Past it the
    // oldest are forgotten, which is safe: their rows are only fetched and compared once more.
    public int MaxSeenXidsPerTable { get; set; } = 10_000;

    public void Validate()
    {
        if (ReconcileEveryPolls < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReconcileEveryPolls), ReconcileEveryPolls, "must be at least 1");
        }

        if (ReconcileInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReconcileInterval), ReconcileInterval, "must be positive");
        }

        if (MaxSeenXidsPerTable < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSeenXidsPerTable), MaxSeenXidsPerTable, "must not be negative");
        }
    }
}
