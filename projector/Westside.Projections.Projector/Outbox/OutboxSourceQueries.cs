using System.Data.Common;
using Npgsql;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Projector.Outbox;

// The sampler's reads of the source outbox, in one round trip, inside the poll's snapshot. Each one
// is a range of the fixture's outbox(status, created_at) index, so the cost follows the number of
// pending and failed rows plus a few minutes of processed rows, not the size of the table:
//   1. pending and failed rows by event type: counts, oldest pending, attempts;
//   2. the latest failed rows, the latest retrying rows (pending with an error), the oldest pending rows;
//   3. processed rows for the latency ledger: the live range, and one rotation chunk (LatencyLedger).
public static class OutboxSourceQueries
{
    private static readonly OutboxColumns C = SourceContract.OutboxByName;

    private static readonly string OutstandingSql = $"""
        select {C.EventType},
               (count(*) filter (where {C.Status} = @pending))::int,
               min({C.CreatedAt}) filter (where {C.Status} = @pending),
               (count(*) filter (where {C.Status} = @pending and {C.Attempts} > 0))::int,
               (count(*) filter (where {C.Status} = @failed))::int,
               (count(*) filter (where {C.Attempts} <= 0))::int,
               (count(*) filter (where {C.Attempts} = 1))::int,
               (count(*) filter (where {C.Attempts} = 2))::int,
               (count(*) filter (where {C.Attempts} = 3))::int,
               (count(*) filter (where {C.Attempts} = 4))::int,
               (count(*) filter (where {C.Attempts} >= 5))::int
        from {C.Table}
        where {C.Status} in (@pending, @failed)
        group by {C.EventType}
        """;

    private static readonly string RowColumns =
        $"{C.Id}, {C.EventType}, {C.AggregateId}, {C.Status}, {C.Attempts}, {C.CreatedAt}";

    private static readonly string ListedRowsSql = $"""
        (select 1, {RowColumns}, {C.LastError} from {C.Table}
         where {C.Status} = @failed order by {C.CreatedAt} desc limit @errors)
        union all
        (select 2, {RowColumns}, {C.LastError} from {C.Table}
         where {C.Status} = @pending and {C.LastError} is not null order by {C.CreatedAt} desc limit @errors)
        union all
        (select 3, {RowColumns}, {C.LastError} from {C.Table}
         where {C.Status} = @pending order by {C.CreatedAt} limit @oldest)
        """;

    private static readonly string ProcessedColumns = $"{C.EventType}, {C.CreatedAt}, {C.ProcessedAt}, {C.Attempts}";

    private static readonly string LiveSql = $"""
        select {ProcessedColumns} from {C.Table}
        where {C.Status} = @processed and {C.CreatedAt} >= @from and {C.ProcessedAt} >= @dayAgo
        """;

    private static readonly string ChunkSql = $"""
        select {ProcessedColumns} from {C.Table}
        where {C.Status} = @processed and {C.CreatedAt} >= @from and {C.CreatedAt} < @to and {C.ProcessedAt} >= @dayAgo
        """;

    public static async Task<OutboxSourceReading> ReadAsync(
        NpgsqlConnection source, LedgerScan scan, OutboxSamplerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        await using var batch = new NpgsqlBatch(source);
        batch.BatchCommands.Add(Command(OutstandingSql, ("pending", C.Pending), ("failed", C.Failed)));
        batch.BatchCommands.Add(Command(ListedRowsSql, ("pending", C.Pending), ("failed", C.Failed),
            ("errors", options.ListedErrors), ("oldest", options.ListedOldestPending)));
        batch.BatchCommands.Add(Command(LiveSql, ("processed", C.Processed), ("from", scan.LiveFrom), ("dayAgo", scan.DayAgo)));
        if (scan.Chunk is { } chunk)
        {
            batch.BatchCommands.Add(Command(ChunkSql, ("processed", C.Processed), ("from", chunk.From), ("to", chunk.To),
                ("dayAgo", scan.DayAgo)));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var outstanding = new List<OutstandingRows>();
        while (await reader.ReadAsync(ct))
        {
            outstanding.Add(new OutstandingRows(
                reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2),
                reader.GetInt32(3), reader.GetInt32(4),
                [reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10)]));
        }

        await reader.NextResultAsync(ct);
        var errors = new List<OutboxRowSample>();
        var oldest = new List<OutboxRowSample>();
        while (await reader.ReadAsync(ct))
        {
            var row = new OutboxRowSample(
                reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetInt32(5),
                new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                ErrorText.Scrub(reader.IsDBNull(7) ? null : reader.GetString(7)));
            (reader.GetInt32(0) == 3 ? oldest : errors).Add(row);
        }

        await reader.NextResultAsync(ct);
        var live = await ProcessedAsync(reader, ct);
        List<ProcessedRow>? chunkRows = null;
        if (scan.Chunk is not null)
        {
            await reader.NextResultAsync(ct);
            chunkRows = await ProcessedAsync(reader, ct);
        }

        return new OutboxSourceReading(outstanding, errors, oldest, live, chunkRows);
    }

    private static async Task<List<ProcessedRow>> ProcessedAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<ProcessedRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ProcessedRow(reader.GetString(0), reader.GetDateTime(1), reader.GetDateTime(2), reader.GetInt32(3)));
        }

        return rows;
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
