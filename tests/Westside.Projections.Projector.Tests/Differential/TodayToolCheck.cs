extern alias dashboard;

using System.Text.Json;
using System.Text.Json.Nodes;
using dashboard::Westside.Projections.Dashboard.Features.Mcp;
using dashboard::Westside.Projections.Dashboard.Features.Mcp.Tools;
using dashboard::Westside.Projections.Dashboard.Features.Outbox;
using dashboard::Westside.Projections.Dashboard.Features.Today;
using dashboard::Westside.Projections.Dashboard.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// The MCP today tool (the answer to "what are my data gaps and actionables today?"), run against the store
// exactly as /mcp runs it, must count what the oracles' plain SQL over the source counts: unsigned players,
// parents with 2+ unsigned kids, jerseys not paid, players with dues past due, data gaps. (The outbox card is
// the projector's latest outbox sample, a time series rather than a document: the outbox tests cover it.)
public static class TodayToolCheck
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(string store, OracleContext triage, OracleContext clusters,
        OracleContext jerseys, OracleContext dues, OracleContext gaps, CancellationToken ct)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["unsigned"] = await CountAsync(new TriageOracle().ExpectedAsync(triage, ct), "summary", "unsignedCount"),
            ["clusters"] = await CountAsync(new ClustersOracle().ExpectedAsync(clusters, ct), "summary", "clusterCount"),
            ["jerseys"] = await CountAsync(new JerseysOracle().ExpectedAsync(jerseys, ct), "summary", "unpaidCount"),
            ["dues"] = await CountAsync(new DuesOracle().ExpectedAsync(dues, ct), "summary", "pastDuePlayers"),
            ["gaps"] = await CountAsync(new DataGapsOracle().ExpectedAsync(gaps, ct), "summary", "total"),
        };

        var actionables = (await TodayAsync(store, ct))["actionables"]!.AsArray()
            .ToDictionary(a => (string)a!["key"]!, a => (int)a!["count"]!, StringComparer.Ordinal);
        return expected
            .Where(e => actionables.GetValueOrDefault(e.Key, -1) != e.Value)
            .Select(e => $"today tool: {e.Key} counts {actionables.GetValueOrDefault(e.Key, -1)}, the source {e.Value}")
            .ToList();
    }

    // The tool's structured content, through the tool method itself (the same call /mcp makes).
    private static async Task<JsonNode> TodayAsync(string store, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(store);
        var reader = new DocumentReader(dataSource);
        var outbox = new OutboxQuery(new OutboxSampleReader(dataSource), reader,
            Options.Create(new OutboxOptions()), TimeProvider.System);
        var results = new McpResults(Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()), new HttpContextAccessor());
        // A view cache of its own per call: each round reads the documents as they are now.
        using var views = new ViewCache(
            new StoreWatch(reader, Options.Create(new DashboardOptions()), TimeProvider.System, NullLogger<StoreWatch>.Instance),
            TimeProvider.System);
        var result = await TodayTool.Today(new TodayQuery(reader, TimeProvider.System, outbox), views, results, ct);
        return JsonSerializer.SerializeToNode(result.StructuredContent)!;
    }

    // An empty club has no summary document, and the today page counts 0.
    private static async Task<int> CountAsync(Task<ExpectedDocumentSet> expected, string id, string field) =>
        (int?)(await expected).Data(id)?[field] ?? 0;
}
