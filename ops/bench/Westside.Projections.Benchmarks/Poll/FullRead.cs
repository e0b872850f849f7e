using System.Data;
using System.Diagnostics;
using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Source;

namespace Westside.Projections.Benchmarks.Poll;

// The baseline a poll is compared with: re-read every granted column of every table in one read-only
// snapshot and build the row records, as a capture without a watermark would have to on every poll.
public static class FullRead
{
    public static async Task<Figures> MeasureAsync(NpgsqlDataSource source, StatementStats stats, CancellationToken ct)
    {
        await stats.ResetAsync(ct);
        var cpu = CpuClock.Now();
        var wall = Stopwatch.StartNew();
        long rows = 0, bytes = 0;
        await using (var conn = await source.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            await using (var readOnly = new NpgsqlCommand("set transaction read only", conn, tx))
            {
                await readOnly.ExecuteNonQueryAsync(ct);
            }

            foreach (var table in SourceContract.Tables)
            {
                await using var cmd = new NpgsqlCommand(
                    $"select {table.SelectList("t")} from {SourceContract.Schema}.{table.Name} t", conn, tx);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                PayloadMeter? meter = null;
                while (await reader.ReadAsync(ct))
                {
                    meter ??= new PayloadMeter(reader);
                    bytes += meter.Measure(reader);
                    GC.KeepAlive(table.ReadRow(reader, 0));
                    rows++;
                }
            }

            await tx.CommitAsync(ct);
        }

        wall.Stop();
        var cpuAfter = CpuClock.Now();
        var pg = await stats.ReadAsync(ct);
        return new Figures(
            wall.Elapsed.TotalMilliseconds, wall.Elapsed.TotalMilliseconds, pg.ExecMs, pg.Rows, pg.Blocks, rows, bytes,
            (cpuAfter.Precise - cpu.Precise).TotalMilliseconds, (cpuAfter.Coarse - cpu.Coarse).TotalMilliseconds,
            wall.Elapsed.TotalMilliseconds, Events: 0, cpuAfter.Allocated - cpu.Allocated, cpuAfter.Collections - cpu.Collections);
    }
}
