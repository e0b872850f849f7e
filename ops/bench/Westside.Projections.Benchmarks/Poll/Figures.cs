namespace Westside.Projections.Benchmarks.Poll;

// What one measured operation cost. Pg* are from pg_stat_statements for the read-only role in the source
// database (null when the extension is not available). AllocatedBytes and Collections are the managed heap
// allocations and garbage collections (all generations) of the whole process during the operation.
public sealed record Figures(
    double SourceMs,
    double HeldMs,
    double? PgExecMs,
    long? PgRows,
    long? PgBlocks,
    long RowsFetched,
    long Bytes,
    double CpuMs,
    double CoarseCpuMs,
    double WallMs,
    int Events,
    long AllocatedBytes,
    int Collections)
{
    // Field by field median over rounds (a robust figure on a machine shared with other work).
    public static Figures Median(IReadOnlyList<Figures> rounds) => new(
        Med(rounds.Select(r => r.SourceMs)),
        Med(rounds.Select(r => r.HeldMs)),
        rounds.All(r => r.PgExecMs.HasValue) ? Med(rounds.Select(r => r.PgExecMs!.Value)) : null,
        rounds.All(r => r.PgRows.HasValue) ? (long)Med(rounds.Select(r => (double)r.PgRows!.Value)) : null,
        rounds.All(r => r.PgBlocks.HasValue) ? (long)Med(rounds.Select(r => (double)r.PgBlocks!.Value)) : null,
        (long)Med(rounds.Select(r => (double)r.RowsFetched)),
        (long)Med(rounds.Select(r => (double)r.Bytes)),
        Med(rounds.Select(r => r.CpuMs)),
        rounds.Sum(r => r.CoarseCpuMs) / rounds.Count,
        Med(rounds.Select(r => r.WallMs)),
        (int)Med(rounds.Select(r => (double)r.Events)),
        (long)Med(rounds.Select(r => (double)r.AllocatedBytes)),
        (int)Med(rounds.Select(r => (double)r.Collections)));

    private static double Med(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
