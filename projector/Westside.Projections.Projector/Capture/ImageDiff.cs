using System.Text.Json;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Capture;

// The pure steps of a capture between reading the source and writing the store: compare fetched rows
// with their stored images (an identical row is no event), and put the resulting events in log order.
internal static class ImageDiff
{
    // Compares each fetched row with its image; for a table read in full, images without a row are removals.
    public static void Diff(TableWork work)
    {
        var plan = work.Plan;
        work.Fingerprint = plan.Cursor?.Fingerprint ?? IdFingerprint.Empty;
        DiffRows(work, work.Rows);
        if (plan.Mode == ReadMode.All)
        {
            var present = work.Rows.Select(r => r.Key).ToHashSet();
            work.Removed.AddRange(work.Images.Keys.Where(k => !present.Contains(k)));
            work.Fingerprint = IdFingerprint.Of(present);
        }
    }

    public static void DiffRows(TableWork work, IEnumerable<FetchedRow> rows)
    {
        var rowType = ChangeClassifier.RowType(work.Plan.Table);
        foreach (var row in rows)
        {
            var before = work.Images.TryGetValue(row.Key, out var image)
                ? JsonSerializer.Deserialize(image, rowType, EventSerializer.Options)
                : null;
            var events = ChangeClassifier.Classify(before, row.Row);
            if (events.Count == 0)
            {
                continue;
            }

            work.Changes.Add((row.Key, events));
            work.Writes.Add((row.Key, JsonSerializer.Serialize(row.Row, rowType, EventSerializer.Options)));
            if (image is null && work.NewKeys.Add(row.Key))
            {
                work.Fingerprint = work.Fingerprint.Add(row.Key);
            }
        }
    }

    // Upserts in dependency order then key order; removals after them, in reverse dependency order.
    public static List<CapturedEvent> Assemble(List<TableWork> works)
    {
        var events = new List<CapturedEvent>();
        foreach (var work in works)
        {
            foreach (var (key, changes) in work.Changes.OrderBy(c => c.Key))
            {
                events.AddRange(changes.Select(e => new CapturedEvent(work.Plan.Table.Name, ImageStore.Key(key), e)));
            }
        }

        foreach (var work in Enumerable.Reverse(works))
        {
            events.AddRange(work.Removed.Order().Select(key =>
                new CapturedEvent(work.Plan.Table.Name, ImageStore.Key(key), ChangeClassifier.Removed(work.Plan.Table, key))));
        }

        return events;
    }
}
