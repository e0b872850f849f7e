using System.Data;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Projector.Outbox;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Benchmarks.Outbox;

// bench outbox: the source time one outbox sampling adds to a poll, at 200,000 outbox rows. Each run is
// a poll as the change capture runs it (read-only role, REPEATABLE READ READ ONLY, snapshot time =
// statement_timestamp() of the first statement, a store transaction committed); between runs the
// worker processes one pending row and a parent signs, as on a lively day. The first sampling loads the
// latency ledger (a day of processed rows) and is reported apart; the runs after it are steady state.
public static class OutboxBenchmark
{
    private const int WarmUpRuns = 5;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var rows = 200_000;
        var runs = 50;
        var pending = 1_000;
        var failed = 3_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--rows": rows = value; break;
                case "--runs": runs = value; break;
                case "--pending": pending = value; break;
                case "--failed": failed = value; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        Console.WriteLine($"-- filling a scratch source: {rows:N0} outbox rows ({rows - pending - failed:N0} processed over 30 days, {pending:N0} pending, {failed:N0} failed)...");
        await using var dbs = await OutboxBenchDatabases.CreateAsync(server, rows, pending, failed, ct);
        await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await using var admin = new NpgsqlConnection(dbs.SourceAdmin);
        await admin.OpenAsync(ct);

        var sampler = new OutboxSampler(OutboxHealthOptions.Default, OutboxSamplerOptions.Default, NullLogger<OutboxSampler>.Instance);
        var (cold, coldCpu) = await PollAsync(source, store, sampler, ct);
        for (var i = 0; i < WarmUpRuns; i++)
        {
            await WorkerStepAsync(admin, ct);
            await PollAsync(source, store, sampler, ct);
        }

        var steady = new List<OutboxSampling>();
        var cpu = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await WorkerStepAsync(admin, ct);
            var (sampling, backendCpu) = await PollAsync(source, store, sampler, ct);
            steady.Add(sampling);
            if (backendCpu is { } c)
            {
                cpu.Add(c.TotalMilliseconds);
            }
        }

        // A second process start, without the first-query costs of a new process and backend.
        var (reload, reloadCpu) = await PollAsync(source, store,
            new OutboxSampler(OutboxHealthOptions.Default, OutboxSamplerOptions.Default, NullLogger<OutboxSampler>.Instance), ct);
        Print(cold, reload, steady, cpu, (coldCpu, reloadCpu), rows);
        return 0;
    }

    // The worker sends the oldest pending welcome email; a parent signs.
    private static async Task WorkerStepAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update outbox set status = 'processed', attempts = attempts + 1, processed_at = now()
            where id = (select id from outbox where status = 'pending' order by created_at limit 1);
            insert into outbox (event_type, aggregate_id, status, attempts, created_at) values ('contract_signed', 42, 'pending', 0, now());
            """, admin);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The sampling, and the CPU the source's backend spent on it (null when the server is not local).
    private static async Task<(OutboxSampling, TimeSpan?)> PollAsync(
        NpgsqlDataSource source, NpgsqlDataSource store, OutboxSampler sampler, CancellationToken ct)
    {
        await using var src = await source.OpenConnectionAsync(ct);
        var pid = await BackendCpu.PidAsync(src, ct);
        await using var srcTx = await src.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        DateTime at;
        await using (var snapshot = new NpgsqlCommand("set transaction read only; select statement_timestamp()", src, srcTx))
        {
            at = (DateTime)(await snapshot.ExecuteScalarAsync(ct))!;
        }

        await using var st = await store.OpenConnectionAsync(ct);
        await using var stTx = await st.BeginTransactionAsync(ct);
        var before = BackendCpu.Read(pid);
        var sampling = await sampler.SampleOnceAsync(src, st, stTx, new DateTimeOffset(at, TimeSpan.Zero), ct);
        var after = BackendCpu.Read(pid);
        await stTx.CommitAsync(ct);
        await srcTx.CommitAsync(ct);
        return (sampling, after - before);
    }

    private static void Print(
        OutboxSampling cold, OutboxSampling reload, List<OutboxSampling> steady, List<double> cpu,
        (TimeSpan? Cold, TimeSpan? Reload) loadCpu, int rows)
    {
        var ms = steady.Select(s => s.SourceTime.TotalMilliseconds).Order().ToArray();
        var total = steady[^1].Total;
        Console.WriteLine();
        Console.WriteLine($"Outbox sampling at {rows:N0} outbox rows, source time per poll (one batched read: plan, execute, transfer; wall clock):");
        Console.WriteLine(FormattableString.Invariant(
            $"  steady, {ms.Length} polls:  min {ms[0]:F2} ms   median {Percentile(ms, 0.5):F2} ms   p95 {Percentile(ms, 0.95):F2} ms   max {ms[^1]:F2} ms   (target < 5 ms)"));
        if (cpu.Count > 0)
        {
            var sorted = cpu.Order().ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"  source backend CPU per poll:  min {sorted[0]:F2} ms   median {Percentile(sorted, 0.5):F2} ms   p95 {Percentile(sorted, 0.95):F2} ms   (on-CPU time: what the source pays, whatever else runs)"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  processed rows read per poll: median {Percentile(steady.Select(s => (double)s.ProcessedRowsRead).Order().ToArray(), 0.5):F0} (live range + one rotation chunk)"));
        Console.WriteLine(FormattableString.Invariant(
            $"  first poll, loading the latency ledger ({cold.ProcessedRowsRead:N0} processed rows): {cold.SourceTime.TotalMilliseconds:F2} ms in a new process, {reload.SourceTime.TotalMilliseconds:F2} ms in a warm one (backend CPU {loadCpu.Cold?.TotalMilliseconds:F2} / {loadCpu.Reload?.TotalMilliseconds:F2} ms)"));
        Console.WriteLine(FormattableString.Invariant(
            $"  sampled: {total.Pending} pending, oldest {OutboxDurations.Format(total.OldestPendingAgeSeconds ?? 0)}, {total.Failed} failed; hour {total.LatencyHour.Count} processed p50 {total.LatencyHour.P50Seconds:F1} s p95 {total.LatencyHour.P95Seconds:F1} s; day {total.LatencyDay.Count} processed p95 {total.LatencyDay.P95Seconds:F1} s max {total.LatencyDay.MaxSeconds:F0} s"));
        Console.WriteLine($"  health: {steady[^1].Health.State} — {steady[^1].Health.Headline}");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
