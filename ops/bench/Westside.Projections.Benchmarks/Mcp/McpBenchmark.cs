using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Westside.Projections.Benchmarks.Infrastructure;
using Westside.Projections.Benchmarks.Population;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Benchmarks.Mcp;

// bench mcp: the MCP today and triage tools beside the JSON API on the same data (50,000 players by default),
// through the real dashboard on a loopback port: calls/s with a few concurrent clients, and the time per call
// (client-side, to the last byte over loopback; and the app's Server-Timing, which for /mcp's event stream is
// only the time to its headers, so it is printed for the API only). Every tool call also writes its audit row.
// Meanwhile it watches the source database: the dashboard must open no session and run no transaction there.
public static class McpBenchmark
{
    private const double TargetP95Ms = 20;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var players = 50_000;
        var seconds = 10;
        var clients = 4;
        var population = BenchPopulation.Fixture;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--players": players = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--population": population = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        await using var server = await BenchPostgres.StartAsync(ct);
        Console.WriteLine($"PostgreSQL: {server.Description}");
        Console.WriteLine($"-- {players:N0} players ({population} population): creating, populating and projecting...");
        await using var dbs = await BenchDatabases.CreateAsync(server, players, population, ct);
        await ProjectOnceAsync(dbs, ct);
        NpgsqlConnection.ClearAllPools(); // the set-up's own idle connections to the source (e.g. its vacuum analyze)

        await using var dashboard = new BenchDashboard(dbs.Store);
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the capture's backends have exited and reported their statistics
        var statements = await SourceStatements.CreateAsync(dbs, ct);
        var statementsBefore = await statements.CountAsync(ct);
        var sourceBefore = await SourceActivityAsync(server, dbs.SourceDatabase, ct);
        using var watch = new CancellationTokenSource();
        var maxSourceSessions = 0;
        var sessionsSeen = "";
        var autovacuumSeen = false;
        var watcher = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                var activity = await SourceActivityAsync(server, dbs.SourceDatabase, CancellationToken.None);
                autovacuumSeen |= activity.Autovacuum > 0;
                if (activity.Sessions > maxSourceSessions)
                {
                    maxSourceSessions = (int)activity.Sessions;
                    sessionsSeen = activity.Who;
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
        var token = dashboard.BearerToken();
        var cookie = dashboard.SessionCookie();
        var targets = new (string Name, Func<int, HttpRequestMessage> Request)[]
        {
            ("mcp today", id => Tool(dashboard.McpUrl, token, "today", id)),
            ("api today", _ => Api(dashboard.Root, "/api/today", cookie)),
            ("mcp triage", id => Tool(dashboard.McpUrl, token, "triage", id)),
            ("api triage", _ => Api(dashboard.Root, "/api/triage", cookie)),
        };
        Console.WriteLine($"-- {clients} concurrent clients, {seconds} s per target after 100 warm-up calls; {Environment.ProcessorCount} cores " +
                          "shared by the clients, the dashboard and PostgreSQL");
        var pass = true;
        foreach (var (name, request) in targets)
        {
            var result = await MeasureAsync(http, request, clients, TimeSpan.FromSeconds(seconds), ct);
            var p95 = Percentile(result.Times, 0.95);
            var serverP95 = result.ServerTimes.Count > 0 ? $"{Percentile(result.ServerTimes, 0.95):F2} ms" : "n/a (event stream)";
            Console.WriteLine($"   {name,-11} {result.Calls / result.Elapsed.TotalSeconds,8:N0} calls/s  p50 {Percentile(result.Times, 0.5),6:F2} ms  " +
                              $"p95 {p95,6:F2} ms  p99 {Percentile(result.Times, 0.99),6:F2} ms  server p95 {serverP95}  " +
                              $"({result.Calls:N0} calls, {result.Bytes / Math.Max(1, result.Calls):N0} bytes each, {result.Errors} errors)");
            pass &= result.Errors == 0 && (!name.StartsWith("mcp", StringComparison.Ordinal) || p95 < TargetP95Ms);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // backends report their statistics at most once a second
        await watch.CancelAsync();
        await watcher;
        var sourceAfter = await SourceActivityAsync(server, dbs.SourceDatabase, ct);
        var statementsAfter = await statements.CountAsync(ct);
        var sourceTransactions = sourceAfter.Transactions - sourceBefore.Transactions;
        Console.WriteLine();
        Console.WriteLine($"source database during the run: {SourceStatements.Describe(statementsBefore, statementsAfter)}, at most {maxSourceSessions} client sessions (target 0); " +
                          $"{sourceTransactions} transactions{(autovacuumSeen ? " (autovacuum workers were seen: their transactions count here, their statements do not)" : "")}");
        if (maxSourceSessions > 0)
        {
            Console.WriteLine($"   sessions seen: {sessionsSeen}");
        }

        // Statements are the measure when pg_stat_statements is there (autovacuum runs none); else transactions.
        var sourceQuiet = maxSourceSessions == 0 &&
                          (statementsBefore is { } b && statementsAfter is { } a ? a == b : sourceTransactions == 0);
        Console.WriteLine($"target: MCP tool p95 < {TargetP95Ms} ms with 0 source queries: {(pass && sourceQuiet ? "PASS" : "FAIL")}");
        return pass && sourceQuiet ? 0 : 1;
    }

    private static HttpRequestMessage Tool(string url, string token, string tool, int id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(
                "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) +
                ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage Api(Uri root, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, path));
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    private sealed record Measurement(int Calls, int Errors, long Bytes, TimeSpan Elapsed, List<double> Times, List<double> ServerTimes);

    private static async Task<Measurement> MeasureAsync(
        HttpClient http, Func<int, HttpRequestMessage> request, int clients, TimeSpan duration, CancellationToken ct)
    {
        using (var first = await http.SendAsync(request(0), ct))
        {
            var body = await first.Content.ReadAsStringAsync(ct);
            if (!first.IsSuccessStatusCode || body.Contains("\"isError\":true", StringComparison.Ordinal))
            {
                Console.WriteLine($"   first call: {(int)first.StatusCode} {first.Headers.WwwAuthenticate} {body[..Math.Min(300, body.Length)]}");
            }
        }

        for (var i = 0; i < 100; i++)
        {
            await CallAsync(http, request(i), ct);
        }

        var times = new List<double>();
        var serverTimes = new List<double>();
        int calls = 0, errors = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var id = worker * 1_000_000;
            while (clock.Elapsed < duration)
            {
                var (ms, serverMs, size, ok) = await CallAsync(http, request(++id), ct);
                lock (times)
                {
                    times.Add(ms);
                    if (serverMs is { } s)
                    {
                        serverTimes.Add(s);
                    }

                    calls++;
                    bytes += size;
                    errors += ok ? 0 : 1;
                }
            }
        }));
        return new Measurement(calls, errors, bytes, clock.Elapsed, times, serverTimes);
    }

    private static async Task<(double Ms, double? ServerMs, long Bytes, bool Ok)> CallAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var isEventStream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
            double? serverMs = !isEventStream && response.Headers.TryGetValues("Server-Timing", out var values)
                && values.First().Split("dur=") is [_, var dur] && double.TryParse(dur, CultureInfo.InvariantCulture, out var d) ? d : null;
            var ok = response.IsSuccessStatusCode && !body.Contains("\"isError\":true", StringComparison.Ordinal) && !body.Contains("\"error\":{", StringComparison.Ordinal);
            return (ms, serverMs, body.Length, ok);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task<(long Transactions, long Sessions, string Who, long Autovacuum)> SourceActivityAsync(BenchPostgres server, string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(server.ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select (select xact_commit + xact_rollback from pg_stat_database where datname = @db),
                   (select count(*) from pg_stat_activity where datname = @db and backend_type = 'client backend'),
                   (select coalesce(string_agg(usename || ' ' || coalesce(application_name, '') || ' ' || coalesce(state, '') || ' since ' || backend_start::text || ' pid ' || pid || ' q: ' || left(query, 120), '; '), '')
                    from pg_stat_activity where datname = @db and backend_type = 'client backend'),
                   (select count(*) from pg_stat_activity where datname = @db and backend_type = 'autovacuum worker')
            """, conn);
        cmd.Parameters.AddWithValue("db", database);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3));
    }

    // The store as the projector leaves it: one real poll of the whole source (capture, append, project).
    private static async Task ProjectOnceAsync(BenchDatabases dbs, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(dbs.SourceReadOnly);
        await using var store = NpgsqlDataSource.Create(dbs.Store);
        await using var dedicated = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(dbs.Store) { Pooling = false }.ConnectionString);
        var clock = Stopwatch.StartNew();
        var leader = await LeaderConnection.TryAcquireAsync(dedicated, ct) ?? throw new InvalidOperationException("The bench store's leader lock is taken.");
        await using var session = new LeaderSession(
            leader, store, null, ProjectorComposition.CreateCapture(source, [], NullLoggerFactory.Instance),
            ProjectionCatalog.All, new EngineOptions(TimeSpan.FromSeconds(2), "bench"), NullLogger.Instance);
        await session.StartAsync(ct);
        var poll = await session.PollAsync(resync: false, ct);
        if (!await session.WaitForDocumentsAsync(TimeSpan.FromMinutes(20), ct))
        {
            throw new TimeoutException("The stories' documents did not catch up with the log within 20 minutes.");
        }

        Console.WriteLine($"   projected: {poll.Events:N0} events in {clock.ElapsedMilliseconds:N0} ms");
    }
}
