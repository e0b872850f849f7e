using Westside.Projections.Benchmarks.Poll;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "poll" => await PollBenchmark.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: bench poll [--rounds N] [--sizes 150,50000]
          poll   cost of a change-capture poll with 10 changed rows at each size, and of a full re-read
        environment: BENCH_PGURL (superuser URL of a PostgreSQL to use; default: a throwaway cluster via ops/pg),
                     BENCH_RO_PASSWORD (password of westside_projections_ro there; default: set one), BENCH_KEEP=1 keeps the databases,
                     BENCH_VERBOSE=1 prints every round
        """);
    return 2;
}
