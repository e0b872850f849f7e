using System.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;

namespace Westside.Projections.Projector.Tests.Outbox;

// One test's own source and store: the source outbox written as basketball-api's owner, sampled the
// way change capture does (read-only role, REPEATABLE READ READ ONLY, snapshot time = the source's
// now()), samples committed in a store transaction, read back with the dashboard's reader.
public sealed class OutboxLab : SourceAndStore
{
    public NpgsqlDataSource StoreData { get; private set; } = null!;

    public OutboxSampleReader Reader => new(StoreData);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StoreData = NpgsqlDataSource.Create(Store);
        await StoreMigrator.MigrateAsync(StoreData, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        await StoreData.DisposeAsync();
        await base.DisposeAsync();
    }

    public static OutboxSampler Sampler(OutboxSamplerOptions? options = null, ILogger<OutboxSampler>? logger = null) =>
        new(OutboxHealthOptions.Default, options ?? EveryPoll, logger ?? NullLogger<OutboxSampler>.Instance);

    // Scenario tests look at every sampling in the store: no throttling, and only observed samples
    // (OutboxHistoryTests turn the reconstruction of the time before the first sample on).
    public static OutboxSamplerOptions EveryPoll { get; } = new() { RawEvery = TimeSpan.Zero, HistoryWindow = TimeSpan.Zero };

    public async Task<OutboxSampling> SampleAsync(OutboxSampler sampler)
    {
        await using var source = new NpgsqlConnection(SourceReadOnly);
        await source.OpenAsync();
        await using var sourceTx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", source, sourceTx))
        {
            await readOnly.ExecuteNonQueryAsync();
        }

        DateTime now;
        await using (var clock = new NpgsqlCommand("select now()", source, sourceTx))
        {
            now = (DateTime)(await clock.ExecuteScalarAsync())!;
        }

        await using var store = await StoreData.OpenConnectionAsync();
        await using var storeTx = await store.BeginTransactionAsync();
        var sampling = await sampler.SampleOnceAsync(source, store, storeTx, new DateTimeOffset(now, TimeSpan.Zero), CancellationToken.None);
        await storeTx.CommitAsync();
        await sourceTx.CommitAsync();
        return sampling;
    }

    public async Task<T> SourceScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task StoreExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = StoreData.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> StoreCountAsync(string where)
    {
        await using var cmd = StoreData.CreateCommand($"select count(*) from outbox_samples where {where}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    // The latency of rows processed in the window before `at`, by PostgreSQL's own percentile_disc: an
    // oracle independent of the sampler's ledger and its nearest-rank code.
    public async Task<OutboxLatency> ExpectedLatencyAsync(DateTimeOffset at, TimeSpan window, string? eventType = null)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select count(*)::int,
                   percentile_disc(0.5) within group (order by extract(epoch from processed_at - created_at))::float8,
                   percentile_disc(0.95) within group (order by extract(epoch from processed_at - created_at))::float8,
                   max(extract(epoch from processed_at - created_at))::float8
            from outbox
            where status = 'processed' and processed_at >= @from and processed_at <= @at
              and (@type::text is null or event_type = @type::text)
            """, conn);
        cmd.Parameters.AddWithValue("from", (at - window).UtcDateTime);
        cmd.Parameters.AddWithValue("at", at.UtcDateTime);
        cmd.Parameters.AddWithValue("type", (object?)eventType ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt32(0) == 0
            ? OutboxLatency.None
            : new OutboxLatency(reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }
}
