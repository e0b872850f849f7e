using Npgsql;
using NpgsqlTypes;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Outbox;

// The outbox's history before the sampler's first sample, reconstructed from the source rows'
// timestamps inside the poll's snapshot, so a new installation's charts are not empty for a week.
// A row was pending at instant t when created_at <= t and it is still pending, or it was processed
// after t (processed_at > t). The oldest pending age at t is t minus the smallest such created_at.
// What the rows cannot tell, and so is left out (README, "Outbox history"):
//   - failed rows: the source does not record when a row failed, so a failed row counts at no instant
//     (the pending count is a lower bound while such a row waited) and no failed count is reconstructed;
//   - rows processed before they were created (bad data) or marked processed without processed_at:
//     never pending; they are counted and logged;
//   - rows basketball-api deleted from the outbox: invisible, so the counts are lower bounds.
// Instants: every 30 minutes over the chart's week (one per bucket of the 7-day chart) and every 5
// minutes over the last day (one per bucket of the 24-hour chart), before the store's earliest
// outbox sample only, so observed samples always win. Stored as resolution "reconstructed" per
// instant: "*" always (0 included), each event type when it had pending rows.
public static class OutboxHistory
{
    public static readonly TimeSpan WeekStep = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DayStep = TimeSpan.FromMinutes(5);

    private static readonly OutboxColumns C = SourceContract.OutboxByName;

    private static readonly string PendingAtSql = $"""
        with instants as (
            select t from unnest(@instants) as t
        ), candidates as (
            select {C.EventType} as event_type, {C.CreatedAt} as created_at,
                   case when {C.Status} = @processed then {C.ProcessedAt} end as done_at
            from {C.Table}
            where {C.CreatedAt} <= @last
              and ({C.Status} = @pending
                   or ({C.Status} = @processed and {C.ProcessedAt} > @first and {C.ProcessedAt} > {C.CreatedAt}))
        )
        select i.t, coalesce(c.event_type, @all), count(c.created_at)::int, min(c.created_at)
        from instants i
        left join candidates c on c.created_at <= i.t and (c.done_at is null or c.done_at > i.t)
        group by grouping sets ((i.t), (i.t, c.event_type))
        having grouping(c.event_type) = 1 or c.event_type is not null
        order by 1
        """;

    private static readonly string UnknownSql = $"""
        select (count(*) filter (where {C.Status} = @processed and ({C.ProcessedAt} is null or {C.ProcessedAt} < {C.CreatedAt})))::int,
               (count(*) filter (where {C.Status} = @failed))::int
        from {C.Table}
        where {C.Status} in (@processed, @failed)
        """;

    public sealed record Result(int Instants, int Points, int ProcessedWithoutValidTime, int Failed);

    // The instants to reconstruct when the store's earliest outbox sample is `earliest` (null: none yet):
    // on the grid, inside the window before `at` (OutboxSamplerOptions.HistoryWindow, the longest chart)
    // and strictly before the earliest sample.
    public static IReadOnlyList<DateTime> Instants(DateTime at, DateTime? earliest, TimeSpan window)
    {
        var until = earliest is { } e && e < at ? e : at;
        var instants = new List<DateTime>();
        if (window <= TimeSpan.Zero)
        {
            return instants;
        }

        var dayFrom = Ceiling(at - (window < TimeSpan.FromDays(1) ? window : TimeSpan.FromDays(1)), DayStep);
        for (var t = Ceiling(at - window, WeekStep); t < dayFrom && t < until; t += WeekStep)
        {
            instants.Add(t);
        }

        for (var t = dayFrom; t < until; t += DayStep)
        {
            instants.Add(t);
        }

        return instants;
    }

    // The store's earliest outbox sample of any resolution (reconstructed ones included), or null.
    public static async Task<DateTime?> EarliestSampleAsync(NpgsqlConnection store, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select least((select min(sampled_at) from outbox_samples where resolution = @raw),
                         (select min(sampled_at) from outbox_samples where resolution = @point),
                         (select min(sampled_at) from outbox_samples where resolution = @reconstructed))
            """, store, tx);
        cmd.Parameters.AddWithValue("raw", OutboxSampleResolution.Raw);
        cmd.Parameters.AddWithValue("point", OutboxSampleResolution.FiveMinutes);
        cmd.Parameters.AddWithValue("reconstructed", OutboxSampleResolution.Reconstructed);
        return await cmd.ExecuteScalarAsync(ct) is DateTime earliest ? earliest : null;
    }

    // Reads the source (in its snapshot) and writes the reconstructed points (in the store transaction).
    public static async Task<Result> ReconstructAsync(
        NpgsqlConnection source, NpgsqlConnection store, NpgsqlTransaction tx, IReadOnlyList<DateTime> instants, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instants);
        if (instants.Count == 0)
        {
            return new Result(0, 0, 0, 0);
        }

        await using var batch = new NpgsqlBatch(source);
        var pendingAt = new NpgsqlBatchCommand(PendingAtSql);
        pendingAt.Parameters.Add(new NpgsqlParameter("instants", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = instants.ToArray() });
        pendingAt.Parameters.AddWithValue("first", instants[0]);
        pendingAt.Parameters.AddWithValue("last", instants[^1]);
        pendingAt.Parameters.AddWithValue("pending", C.Pending);
        pendingAt.Parameters.AddWithValue("processed", C.Processed);
        pendingAt.Parameters.AddWithValue("all", OutboxSample.AllTypes);
        batch.BatchCommands.Add(pendingAt);
        var unknown = new NpgsqlBatchCommand(UnknownSql);
        unknown.Parameters.AddWithValue("processed", C.Processed);
        unknown.Parameters.AddWithValue("failed", C.Failed);
        batch.BatchCommands.Add(unknown);

        var times = new List<DateTime>();
        var types = new List<string>();
        var data = new List<string>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var t = reader.GetDateTime(0);
                var oldest = reader.IsDBNull(3) ? (DateTime?)null : reader.GetDateTime(3);
                times.Add(t);
                types.Add(reader.GetString(1));
                data.Add(DocumentJson.Serialize(new OutboxReconstructedPoint(
                    reader.GetInt32(2), oldest is { } created ? (t - created).TotalSeconds : null)));
            }

            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var (invalid, failed) = (reader.GetInt32(0), reader.GetInt32(1));
            await reader.CloseAsync();
            await WriteAsync(store, tx, times, types, data, ct);
            return new Result(instants.Count, times.Count, invalid, failed);
        }
    }

    private static async Task WriteAsync(
        NpgsqlConnection store, NpgsqlTransaction tx, List<DateTime> times, List<string> types, List<string> data, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into outbox_samples (sampled_at, resolution, event_type, data)
            select t.at, @reconstructed, t.event_type, t.data
            from unnest(@times, @types, @data) as t(at, event_type, data)
            on conflict (resolution, event_type, sampled_at) do update set data = excluded.data
            """, store, tx);
        cmd.Parameters.AddWithValue("reconstructed", OutboxSampleResolution.Reconstructed);
        cmd.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times.ToArray() });
        cmd.Parameters.AddWithValue("types", types.ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = data.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DateTime Ceiling(DateTime at, TimeSpan step)
    {
        var ticks = (at.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks;
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
