using Westside.Projections.Benchmarks.Mcp;
using Westside.Projections.Benchmarks.Outbox;
using Westside.Projections.Benchmarks.Poll;
using Westside.Projections.Benchmarks.Runtime;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "poll" => await PollBenchmark.RunAsync(args[1..], cancel.Token),
    "rebuild" => await RebuildBenchmark.RunAsync(args[1..], cancel.Token),
    "latency" => await LatencyBenchmark.RunAsync(args[1..], cancel.Token),
    "outbox" => await OutboxBenchmark.RunAsync(args[1..], cancel.Token),
    "mcp" => await McpBenchmark.RunAsync(args[1..], cancel.Token),
    "startup" => await StartupBenchmark.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: bench poll [--rounds N] [--sizes 150,50000] [--modes xmin,marker] [--population fixture|synthetic]
               bench rebuild [--players 50000] [--rounds 3] [--population fixture|synthetic]
               bench latency [--players 150] [--changes 30] [--interval-ms 2000] [--population fixture|synthetic]
               bench outbox [--rows 200000] [--runs 50] [--pending 1000] [--failed 3000]
               bench mcp [--players 50000] [--seconds 10] [--clients 4] [--population fixture|synthetic]
               bench startup [--players 50000] [--runs 3] [--projector NAME=PATH.dll ...] [--population fixture|synthetic]
          poll     cost of a change-capture poll with 10 changed rows at each size, and of a full re-read
          rebuild  `rebuild all` from an event log captured from a populated source, in events/s
          latency  source commit -> document visible, with the projector polling at the default interval
          outbox   source time of one outbox sampling per poll (min/median/p95), and of the first one
          mcp      the MCP today and triage tools beside /api/today and /api/triage: calls/s, p95, source queries
          startup  `projector run` processes of built projectors (default: this checkout's Release build), each on its
                   own store of the same source: time to state loaded and to first poll, RSS; the last named vs the first
        environment: BENCH_PGURL (superuser URL of a PostgreSQL to use; default: a throwaway cluster via ops/pg),
                     BENCH_RO_PASSWORD (password of westside_projections_ro there; default: set one), BENCH_KEEP=1 keeps the databases,
                     BENCH_VERBOSE=1 prints every round
        """);
    return 2;
}
