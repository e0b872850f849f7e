using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Capture;

// What one poll gathers and decides for one table.
internal sealed class TableWork(TablePlan plan)
{
    public TablePlan Plan { get; } = plan;

    public List<FetchedRow> Rows { get; } = [];

    // count and sum of hashint8(key) over the source table, when reconciling.
    public IdFingerprint? SourceFingerprint { get; set; }

    // The images of the fetched rows (every image of the table when it was read in full), by key.
    public Dictionary<long, string> Images { get; } = [];

    public List<(long Key, IReadOnlyList<IDomainEvent> Events)> Changes { get; } = [];

    public List<(long Key, string Image)> Writes { get; } = [];

    public HashSet<long> NewKeys { get; } = [];

    public List<long> Removed { get; } = [];

    public IdFingerprint Fingerprint { get; set; }

    public int Filtered { get; set; }
}
