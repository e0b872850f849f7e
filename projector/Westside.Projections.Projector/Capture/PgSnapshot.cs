using System.Globalization;

namespace Westside.Projections.Projector.Capture;

// A pg_snapshot in its text form `xmin:xmax:xip,xip,...` (64-bit ids). Note a protocol fact the capture
// design depends on: the xip list holds in-progress TOP-LEVEL transactions only, never subtransaction ids
// (PostgreSQL docs, pg_snapshot). A row written inside a savepoint by a transaction still running at the
// snapshot has an xmin that pg_visible_in_snapshot() calls visible although it was not committed yet,
// which is why the cursor does not trust visibility in [xmin, xmax) (see TableCursor).
public sealed record PgSnapshot(ulong Xmin, ulong Xmax, IReadOnlyList<ulong> Xip)
{
    public static PgSnapshot Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"Not a pg_snapshot: '{text}'.");
        }

        var xip = parts[2].Length == 0
            ? []
            : parts[2].Split(',').Select(p => ulong.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new PgSnapshot(
            ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture), xip);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Xmin}:{Xmax}:{string.Join(',', Xip)}");

    // pg_visible_in_snapshot() for a top-level transaction id.
    public bool IsVisible(ulong xid) => xid < Xmin || (xid < Xmax && !Xip.Contains(xid));

    // True when no transaction (of any database of the cluster, committed or aborted) finished between
    // `earlier` and this snapshot, apart from `ignored` ones (the capture's own store transactions when the
    // store shares the cluster: they never write a source table). Then this snapshot sees exactly the rows
    // `earlier` saw, since any insert, update or delete needs a transaction that finished. Subtransactions
    // need no special care: their rows become visible only when their top-level transaction finishes, and
    // a subtransaction id among the new ids is never in xip, so it only makes this answer a safe "false".
    public bool SeesNothingNewSince(PgSnapshot earlier, IReadOnlyCollection<ulong>? ignored = null)
    {
        ignored ??= [];
        if (Xmax < earlier.Xmax || Xmax - earlier.Xmax > (ulong)(Xip.Count + ignored.Count))
        {
            return false;
        }

        var running = Xip.ToHashSet();
        for (var xid = earlier.Xmax; xid < Xmax; xid++)
        {
            if (!running.Contains(xid) && !ignored.Contains(xid))
            {
                return false;
            }
        }

        return earlier.Xip.All(x => running.Contains(x) || ignored.Contains(x));
    }
}
